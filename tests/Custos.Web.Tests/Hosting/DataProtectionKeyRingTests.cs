using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Custos.Platform.Crypto;
using Custos.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Hosting;

/// <summary>
/// ASP.NET Core Data Protection keys live in the database, wrapped by the key-encryption key, so several nodes share
/// one ring; a node with the wrong key-encryption key does not start.
/// </summary>
public sealed class DataProtectionKeyRingTests
{
    [Fact]
    public async Task Data_protection_keys_are_stored_in_the_database_and_never_in_the_clear()
    {
        using var factory = new CustosWebFactory();
        using var client = factory.CreateBrowserClient();

        (await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var stored = await ReadStoredKeysAsync(factory.DatabasePath);
        stored.ShouldNotBeEmpty();
        foreach (var bytes in stored)
        {
            bytes[0].ShouldBe((byte)1);
            Contains(bytes, "<key").ShouldBeFalse();
            Contains(bytes, "masterKey").ShouldBeFalse();
        }

        using var scope = factory.Services.CreateScope();
        var xml = scope.ServiceProvider.GetRequiredService<DataProtectionKeyStore>().GetAll();
        xml.ShouldNotBeEmpty();
        xml.ShouldAllBe(element => element.Contains("custosWrappedKey") && !element.Contains("<masterKey"));
        factory.Logs.GetSnapshot().ShouldNotContain(record => record.Message.Contains("unencrypted form", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Two_nodes_on_one_database_read_each_others_protected_data()
    {
        using var factory = new CustosWebFactory();
        using var otherNode = factory.WithWebHostBuilder(_ => { });

        var token = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("custos.tests").Protect("session 42");

        otherNode.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("custos.tests").Unprotect(token).ShouldBe("session 42");
    }

    [Fact]
    public async Task A_node_with_another_key_encryption_key_does_not_start_and_says_why()
    {
        using var factory = new CustosWebFactory();
        _ = factory.Services;

        var (exitCode, stderr) = await RunWebHostAsync(factory.DatabasePath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        exitCode.ShouldBe(1);
        stderr.ShouldStartWith($"Configuration error in '{CryptoSettings.KeyEncryptionKeyKey}'");
        stderr.ShouldContain("Restore the original key-encryption key");
        stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_malformed_key_encryption_key_stops_the_host_with_one_line_naming_the_setting()
    {
        var folder = Directory.CreateTempSubdirectory("custos-kek-").FullName;
        try
        {
            var (exitCode, stderr) = await RunWebHostAsync(Path.Combine(folder, "custos.db"), "c2hvcnQ=");

            exitCode.ShouldBe(1);
            stderr.ShouldBe($"Configuration error in '{CryptoSettings.KeyEncryptionKeyKey}': the key-encryption key is 5 bytes; it must be 32 (base64 of 32 random bytes, 'openssl rand -base64 32').");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The real Custos.Web process over <paramref name="databasePath"/>, with the key given in the environment.</summary>
    private static async Task<(int ExitCode, string StandardError)> RunWebHostAsync(string databasePath, string keyEncryptionKey)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Custos.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__Custos"] = $"Data Source={databasePath}";
        start.Environment["Custos__Crypto__KeyEncryptionKey"] = keyEncryptionKey;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Custos.Web did not stop on its own; it should refuse to start. Output: " + await stdout);
        }

        return (process.ExitCode, (await stderr).Trim());
    }

    private static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static async Task<List<byte[]>> ReadStoredKeysAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM platform_data_protection_keys";
        var rows = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((byte[])reader.GetValue(0));
        }

        return rows;
    }
}
