namespace Custos.Platform.Files;

/// <summary>
/// One stored blob: its content's SHA-256 (the address), its plaintext length, where its ciphertext lives, and the
/// blob's own data key. The blob key is declared sensitive, so it is stored encrypted by the installation's field
/// data key, which the key-encryption key wraps: KEK → data key → blob key → content (ADR 0015). Rotating the data
/// keys re-encrypts the blob keys and never has to touch the content.
/// </summary>
internal sealed class FileBlob
{
    private FileBlob()
    {
        Sha256 = string.Empty;
        Location = string.Empty;
        BlobKey = [];
    }

    public FileBlob(string sha256, long length, string location, byte[] blobKey, DateTimeOffset storedAt)
    {
        Sha256 = sha256;
        Length = length;
        Location = location;
        BlobKey = blobKey;
        StoredAt = storedAt;
    }

    /// <summary>Lower-case hex SHA-256 of the plaintext content.</summary>
    public string Sha256 { get; private set; }

    public long Length { get; private set; }

    /// <summary>Path of the ciphertext relative to the files root (forward slashes).</summary>
    public string Location { get; private set; }

    public byte[] BlobKey { get; private set; }

    public DateTimeOffset StoredAt { get; private set; }

    public StoredFile ToView() => new(Sha256, Length, StoredAt);
}
