using System.Security.Cryptography;
using Custos.Platform.Files;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Files;

public sealed class FileStoreTests
{
    private const long Limit = 1024 * 1024;

    [Theory, AllDatabaseProviders]
    public async Task A_file_of_several_chunks_reads_back_byte_for_byte_and_is_not_stored_in_the_clear(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var content = RandomNumberGenerator.GetBytes((3 * 64 * 1024) + 17);

        var stored = await db.RunAsync<FileStore, StoredFile>((store, ct) => store.SaveAsync(new MemoryStream(content), Limit, "file", ct));

        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(content)));
        stored.Length.ShouldBe(content.Length);
        var readBack = await db.RunAsync<FileStore, byte[]>(async (store, ct) =>
        {
            await using var stream = await store.OpenReadAsync(stored.Sha256, ct);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            return copy.ToArray();
        });
        readBack.ShouldBe(content);
        var onDisk = await File.ReadAllBytesAsync(await BlobPathAsync(db, stored.Sha256), TestContext.Current.CancellationToken);
        onDisk.AsSpan().IndexOf(content.AsSpan(0, 64)).ShouldBe(-1);
    }

    [Theory, AllDatabaseProviders]
    public async Task The_same_content_stored_twice_is_one_blob(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var content = "Backup restore test, 2026-02-27"u8.ToArray();

        var first = await db.RunAsync<FileStore, StoredFile>((store, ct) => store.SaveAsync(new MemoryStream(content), Limit, "file", ct));
        var second = await db.RunAsync<FileStore, StoredFile>((store, ct) => store.SaveAsync(new MemoryStream(content), Limit, "file", ct));

        second.ShouldBe(first);
        (await db.CountAsync<FileBlob>()).ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task Empty_and_oversized_files_are_refused_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var empty = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<FileStore, StoredFile>((store, ct) => store.SaveAsync(new MemoryStream(), Limit, "file", ct)));
        var large = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<FileStore, StoredFile>((store, ct) => store.SaveAsync(new MemoryStream(new byte[Limit + 1]), Limit, "file", ct)));

        empty.Errors["file"].ShouldHaveSingleItem().ShouldContain("empty");
        large.Errors["file"].ShouldHaveSingleItem().ShouldContain("1 MB");
        (await db.CountAsync<FileBlob>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_blob_altered_on_disk_fails_its_integrity_check(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var stored = await db.RunAsync<FileStore, StoredFile>((store, ct) => store.SaveAsync(new MemoryStream(RandomNumberGenerator.GetBytes(100_000)), Limit, "file", ct));
        (await db.RunAsync<FileStore, FileIntegrityCheck>((store, ct) => store.VerifyAsync(stored.Sha256, ct))).Result.ShouldBe(FileIntegrity.Intact);

        var path = await BlobPathAsync(db, stored.Sha256);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        bytes[70_000] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var check = await db.RunAsync<FileStore, FileIntegrityCheck>((store, ct) => store.VerifyAsync(stored.Sha256, ct));
        check.Result.ShouldBe(FileIntegrity.Altered);
        check.Detail!.ShouldContain("chunk 1");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_truncated_or_missing_blob_is_reported(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var stored = await db.RunAsync<FileStore, StoredFile>((store, ct) => store.SaveAsync(new MemoryStream(RandomNumberGenerator.GetBytes(150_000)), Limit, "file", ct));
        var path = await BlobPathAsync(db, stored.Sha256);

        await using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(64 * 1024);
        }

        (await db.RunAsync<FileStore, FileIntegrityCheck>((store, ct) => store.VerifyAsync(stored.Sha256, ct))).Result.ShouldBe(FileIntegrity.Altered);
        File.Delete(path);
        (await db.RunAsync<FileStore, FileIntegrityCheck>((store, ct) => store.VerifyAsync(stored.Sha256, ct))).Result.ShouldBe(FileIntegrity.Missing);
    }

    internal static async Task<string> BlobPathAsync(TestDatabase db, string sha256)
    {
        var location = await db.QueryAsync((context, ct) => context.Set<FileBlob>().Where(b => b.Sha256 == sha256).Select(b => b.Location).SingleAsync(ct));
        return db.Services.GetRequiredService<FilesSettings>().RootPath + "/" + location;
    }
}
