using System.Security.Cryptography;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Files;

/// <summary>
/// Content-addressed, encrypted file storage (ADR 0015). A file is stored once per SHA-256 of its content: saving the
/// same content again returns the blob already stored. Content is streamed in and out in authenticated chunks, so
/// size is bounded by the caller's limit, not by memory. Blobs are never overwritten or deleted by this API: what
/// points at them (evidence) decides retention.
/// </summary>
public sealed class FileStore
{
    private readonly AppDbContext db;
    private readonly FilesSettings settings;
    private readonly TimeProvider time;

    internal FileStore(AppDbContext db, FilesSettings settings, TimeProvider time)
    {
        this.db = db;
        this.settings = settings;
        this.time = time;
    }

    /// <summary>
    /// Streams <paramref name="content"/> into storage. Refuses empty content and content longer than
    /// <paramref name="maxBytes"/> with an <see cref="InvalidRequestException"/> on <paramref name="field"/>,
    /// leaving nothing stored.
    /// </summary>
    public async Task<StoredFile> SaveAsync(Stream content, long maxBytes, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temporary = Path.Combine(settings.RootPath, "incoming", $"{Guid.NewGuid():N}.part");
        Directory.CreateDirectory(Path.GetDirectoryName(temporary)!);
        var blobKey = RandomNumberGenerator.GetBytes(32);
        var kept = false;
        try
        {
            long length;
            string sha256;
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    try
                    {
                        length = await BlobFormat.EncryptAsync(content, output, blobKey, maxBytes, hash, cancellationToken);
                    }
                    catch (BlobTooLargeException)
                    {
                        throw new InvalidRequestException(field, $"The file is larger than the limit of {Describe(maxBytes)}. Split it, compress it, or ask the administrator to raise the limit.");
                    }

                    await output.FlushAsync(cancellationToken);
                }

                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (length == 0)
            {
                throw new InvalidRequestException(field, "The file is empty. Choose a file that holds the evidence.");
            }

            if (await db.Set<FileBlob>().AsNoTracking().FirstOrDefaultAsync(b => b.Sha256 == sha256, cancellationToken) is { } existing
                && File.Exists(PathOf(existing.Location)))
            {
                return existing.ToView();
            }

            // A random suffix: two nodes storing the same content at once each write their own file; the loser of
            // the insert removes its own and uses the winner's, so a row never points at another writer's key.
            var location = $"{sha256[..2]}/{sha256}.{Guid.NewGuid():N}.blob";
            Directory.CreateDirectory(Path.GetDirectoryName(PathOf(location))!);
            File.Move(temporary, PathOf(location));
            var blob = new FileBlob(sha256, length, location, blobKey, time.GetUtcNow());
            db.Add(blob);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                kept = true;
                return blob.ToView();
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                db.Entry(blob).State = EntityState.Detached;
                File.Delete(PathOf(location));
                var winner = await db.Set<FileBlob>().AsNoTracking().FirstAsync(b => b.Sha256 == sha256, cancellationToken);
                return winner.ToView();
            }
            catch
            {
                db.Entry(blob).State = EntityState.Detached;
                File.Delete(PathOf(location));
                throw;
            }
        }
        finally
        {
            if (!kept)
            {
                CryptographicOperations.ZeroMemory(blobKey);
            }

            File.Delete(temporary);
        }
    }

    /// <summary>The stored blob with this SHA-256, or null.</summary>
    public async Task<StoredFile?> FindAsync(string sha256, CancellationToken cancellationToken)
    {
        var blob = await db.Set<FileBlob>().AsNoTracking().FirstOrDefaultAsync(b => b.Sha256 == sha256, cancellationToken);
        return blob?.ToView();
    }

    /// <summary>
    /// The plaintext of a stored blob as a stream that decrypts as it is read. Throws
    /// <see cref="RecordNotFoundException"/> for an unknown hash and <see cref="StoredFileCorruptException"/> while
    /// reading a blob altered on disk.
    /// </summary>
    public async Task<Stream> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var blob = await db.Set<FileBlob>().AsNoTracking().FirstOrDefaultAsync(b => b.Sha256 == sha256, cancellationToken)
            ?? throw new RecordNotFoundException("file", sha256);
        var path = PathOf(blob.Location);
        if (!File.Exists(path))
        {
            throw new StoredFileCorruptException($"the blob {sha256} is missing from the files folder");
        }

        return new DecryptingStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), blob.BlobKey, blob.Length);
    }

    /// <summary>Decrypts the whole blob and re-hashes it: the integrity check (45 CFR 164.312(c)(1)).</summary>
    public async Task<FileIntegrityCheck> VerifyAsync(string sha256, CancellationToken cancellationToken)
    {
        var blob = await db.Set<FileBlob>().AsNoTracking().FirstOrDefaultAsync(b => b.Sha256 == sha256, cancellationToken)
            ?? throw new RecordNotFoundException("file", sha256);
        var path = PathOf(blob.Location);
        if (!File.Exists(path))
        {
            return new FileIntegrityCheck(sha256, FileIntegrity.Missing, null, "The stored file is missing from the files folder.");
        }

        try
        {
            await using var stream = new DecryptingStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), blob.BlobKey, blob.Length);
            var computed = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            return string.Equals(computed, sha256, StringComparison.Ordinal)
                ? new FileIntegrityCheck(sha256, FileIntegrity.Intact, computed, null)
                : new FileIntegrityCheck(sha256, FileIntegrity.Altered, computed, "The content hashes to a different SHA-256.");
        }
        catch (StoredFileCorruptException ex)
        {
            return new FileIntegrityCheck(sha256, FileIntegrity.Altered, null, ex.Detail);
        }
    }

    internal static string Describe(long bytes) => bytes % (1024 * 1024) == 0
        ? $"{bytes / (1024 * 1024)} MB"
        : $"{bytes} bytes";

    internal string PathOf(string location) => Path.Combine(settings.RootPath, location.Replace('/', Path.DirectorySeparatorChar));
}
