using System.Security.Cryptography;
using System.Text;

namespace Custos.Platform.Audit;

/// <summary>
/// The checkpoint signing key: ECDSA P-256 in a PKCS#8 PEM file outside the database (45 CFR 164.312(c)(1): a
/// database administrator who rewrites the ledger cannot re-sign it). Created on first use with owner-only
/// permissions, as ASP.NET Core Data Protection creates its key ring; several processes starting at once agree on
/// one file because creation holds a lock file and a key is written whole before it is renamed into place.
/// </summary>
public sealed class CheckpointSigningKey : IDisposable
{
    private readonly object gate = new();
    private readonly string path;
    private ECDsa? key;
    private string? keyId;

    public CheckpointSigningKey(AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        path = Path.GetFullPath(options.SigningKeyPath);
    }

    public string PathOnDisk => path;

    /// <summary>
    /// Makes sure the key that signed earlier checkpoints is the one in use: when checkpoints exist and the key file is
    /// gone, a new key is never made in its place (that would hide the loss until the next verification).
    /// </summary>
    public void EnsureNotReplaced(bool checkpointsExist)
    {
        if (checkpointsExist && key is null && !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The checkpoint signing key '{path}' is missing, and checkpoints signed with it exist: no new checkpoint is signed. " +
                $"Restore the key from backup (setting {AuditOptions.Section}:{nameof(AuditOptions.SigningKeyPath)}).");
        }
    }

    public string KeyId
    {
        get
        {
            EnsureLoaded();
            return keyId!;
        }
    }

    /// <summary>The public half, PEM (SubjectPublicKeyInfo): what third parties verify checkpoints with.</summary>
    public string PublicKeyPem
    {
        get
        {
            EnsureLoaded();
            return key!.ExportSubjectPublicKeyInfoPem();
        }
    }

    public SignedCheckpoint Sign(CheckpointNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        EnsureLoaded();
        var signature = key!.SignData(note.BodyBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new SignedCheckpoint(note, keyId!, signature);
    }

    /// <summary>A key ring holding this key's public half.</summary>
    public CheckpointKeyRing ToKeyRing()
    {
        var ring = new CheckpointKeyRing();
        ring.AddPublicKeyPem(PublicKeyPem);
        return ring;
    }

    public void Dispose() => key?.Dispose();

    private void EnsureLoaded()
    {
        if (key is not null)
        {
            return;
        }

        lock (gate)
        {
            if (key is not null)
            {
                return;
            }

            var loaded = File.Exists(path) ? Load() : CreateOrLoad();
            keyId = CheckpointKeyRing.KeyIdOf(loaded);
            key = loaded;
        }
    }

    private ECDsa CreateOrLoad()
    {
        // Creation holds an exclusive lock on a file beside the key, so that of several processes starting at once one
        // creates the key and the others load it; the key is written whole to a private temporary file and renamed into
        // place, so a process that skips the lock because the key exists never reads half of it. (File.Move without
        // overwrite is not enough: it checks and renames in two steps, and two processes measured both winning.)
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        using (AcquireCreationLock(Path.Combine(folder, $".{Path.GetFileName(path)}.lock")))
        {
            if (File.Exists(path))
            {
                return Load();
            }

            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pem = Encoding.ASCII.GetBytes(fresh.ExportPkcs8PrivateKeyPem());
            var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using (var stream = new FileStream(temporary, options))
                {
                    stream.Write(pem);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: false);
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        return Load();
    }

    private static FileStream AcquireCreationLock(string lockPath)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                // Another process is creating the key: wait for it.
                Thread.Sleep(10);
            }
        }
    }

    private ECDsa Load()
    {
        var key = ECDsa.Create();
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            key.ImportFromPem(reader.ReadToEnd());
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new CustosConfigurationException(
                $"{AuditOptions.Section}:{nameof(AuditOptions.SigningKeyPath)}",
                $"the file '{path}' is not a PEM-encoded EC private key. Restore the key from backup; never replace it with a new one silently.",
                ex);
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CustosConfigurationException(
                $"{AuditOptions.Section}:{nameof(AuditOptions.SigningKeyPath)}", $"the key in '{path}' is not an ECDSA P-256 key.");
        }

        return key;
    }
}
