using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Custos.Platform.Audit;

/// <summary>
/// The checkpoint's signed text, after the C2SP tlog-checkpoint layout: origin, tree size in decimal, base64 root
/// hash, then one extension line with the UTC signing time, each line ending in a newline. The signature is ECDSA
/// P-256 over SHA-256 of exactly these bytes, DER-encoded, so that
/// <c>openssl dgst -sha256 -verify audit-signing-public.pem -signature checkpoint.sig checkpoint.txt</c> checks it.
/// </summary>
public sealed record CheckpointNote(string Origin, long TreeSize, byte[] RootHash, DateTimeOffset SignedAt)
{
    public string Body =>
        string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{TreeSize}\n{Convert.ToBase64String(RootHash)}\n{SignedAt.ToUniversalTime().ToString(AuditEntryContent.TimeFormat, CultureInfo.InvariantCulture)}\n");

    public byte[] BodyBytes => Encoding.UTF8.GetBytes(Body);
}

/// <summary>A checkpoint with its signature and the id of the key that made it.</summary>
public sealed record SignedCheckpoint(CheckpointNote Note, string KeyId, byte[] Signature)
{
    /// <summary>The signed note as text: body, a blank line, and a signature line (key id, base64 DER signature).</summary>
    public string ToNoteText() => $"{Note.Body}\n\u2014 {Note.Origin} {KeyId} {Convert.ToBase64String(Signature)}\n";
}

/// <summary>Public keys that checkpoints may be signed with, by key id.</summary>
public sealed class CheckpointKeyRing
{
    private readonly Dictionary<string, ECDsa> keys = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> KeyIds => keys.Keys;

    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()).AsSpan(0, 8));
    }

    /// <summary>Adds a public key from PEM (SubjectPublicKeyInfo); refuses anything but a P-256 key.</summary>
    public string AddPublicKeyPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException ex)
        {
            key.Dispose();
            throw new InvalidDataException("The public key is not a PEM-encoded EC public key.", ex);
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new InvalidDataException("The public key is not a PEM-encoded EC public key.", ex);
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidDataException("The public key is not an ECDSA P-256 key.");
        }

        var id = KeyIdOf(key);
        keys[id] = key;
        return id;
    }

    public CheckpointSignatureCheck Check(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!keys.TryGetValue(checkpoint.KeyId, out var key))
        {
            return CheckpointSignatureCheck.UnknownKey;
        }

        try
        {
            return key.VerifyData(checkpoint.Note.BodyBytes, checkpoint.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                ? CheckpointSignatureCheck.Valid
                : CheckpointSignatureCheck.Invalid;
        }
        catch (CryptographicException)
        {
            return CheckpointSignatureCheck.Invalid;
        }
    }
}

public enum CheckpointSignatureCheck
{
    Valid,
    Invalid,
    UnknownKey,
}
