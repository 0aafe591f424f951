namespace Custos.Platform.Files;

/// <summary>A stored blob as callers see it: the SHA-256 of its content (lower-case hex) is its address.</summary>
public sealed record StoredFile(string Sha256, long Length, DateTimeOffset StoredAt);

/// <summary>What re-hashing a stored blob found.</summary>
public enum FileIntegrity
{
    /// <summary>The content decrypts and hashes to its address.</summary>
    Intact,

    /// <summary>The database records the blob but its ciphertext is gone from storage.</summary>
    Missing,

    /// <summary>The ciphertext fails authentication, or the plaintext hashes to something else.</summary>
    Altered,
}

/// <summary>The result of a re-hash: what was found, and the hash actually computed when it could be.</summary>
public sealed record FileIntegrityCheck(string Sha256, FileIntegrity Result, string? ComputedSha256, string? Detail);
