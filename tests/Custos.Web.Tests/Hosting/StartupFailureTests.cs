using System.Diagnostics;

namespace Custos.Web.Tests.Hosting;

/// <summary>The real Custos.Web process with bad settings: one clear line naming the setting, exit code 1, no stack trace.</summary>
public sealed class StartupFailureTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_database_provider_stops_the_host_with_one_line_naming_the_setting()
    {
        var (exitCode, stderr) = await RunWebHostAsync(new() { ["Database__Provider"] = "Oracle" });

        exitCode.ShouldBe(1);
        stderr.ShouldContain("Database:Provider");
        stderr.ShouldContain("'Oracle'");
        stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task An_unwritable_data_folder_stops_the_host_naming_the_connection_string()
    {
        var blocker = Path.GetTempFileName();
        try
        {
            var (exitCode, stderr) = await RunWebHostAsync(new() { ["ConnectionStrings__Custos"] = $"Data Source={blocker}/data/custos.db" });

            exitCode.ShouldBe(1);
            stderr.ShouldContain("ConnectionStrings:Custos");
            stderr.ShouldContain("not writable");
            stderr.ShouldNotContain("   at ");
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task An_unreachable_postgresql_server_stops_the_host_naming_the_connection_string_without_its_password()
    {
        var (exitCode, stderr) = await RunWebHostAsync(new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Custos"] = "Host=127.0.0.1;Port=1;Database=custos;Username=custos;Password=hunter2-not-logged;Timeout=3",
        });

        exitCode.ShouldBe(1);
        stderr.ShouldContain("Configuration error in 'ConnectionStrings:Custos'");
        stderr.ShouldContain("127.0.0.1:1");
        stderr.ShouldNotContain("hunter2");
        stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Plain_http_on_all_interfaces_is_refused_unless_a_tls_proxy_is_declared()
    {
        var (exitCode, stderr) = await RunWebHostAsync([], "--urls", "http://0.0.0.0:5981");

        exitCode.ShouldBe(1);
        stderr.ShouldContain("Configuration error in 'urls'");
        stderr.ShouldContain("Custos:Hosting:BehindTlsProxy");
        stderr.ShouldNotContain("   at ");
    }

    private static async Task<(int ExitCode, string StandardError)> RunWebHostAsync(Dictionary<string, string> environment, params string[] args)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("custos-startup-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Custos.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = args.Length == 0 ? "http://127.0.0.1:0" : string.Empty;
        start.Environment["ConnectionStrings__Custos"] = $"Data Source={Path.Combine(workingDirectory, "custos.db")}";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
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

        Directory.Delete(workingDirectory, recursive: true);
        return (process.ExitCode, (await stderr).Trim());
    }
}
