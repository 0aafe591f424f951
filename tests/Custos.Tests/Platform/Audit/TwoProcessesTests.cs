using System.Diagnostics;
using System.Text.Json;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Npgsql;

namespace Custos.Tests.Platform.Audit;

/// <summary>
/// Issue 4, item 6, with real processes: two `custos` processes (the built CLI, each with its own sequencer as a web
/// host runs one) append at once to one PostgreSQL database. The rounds the two sequencers led tile the sequence
/// exactly (each started where the previous one, in either process, ended: one sequencer at a time), the sequence is
/// gap-free, every entry is integrated, and `custos audit verify` passes.
/// </summary>
public sealed class TwoProcessesTests
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static readonly string[] Nodes = ["proc-a", "proc-b"];

    [PostgresFact]
    public async Task Two_custos_processes_appending_at_once_keep_one_sequencer_at_a_time_and_a_gap_free_verifying_ledger()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await LedgerHost.CreateAsync(DatabaseProvider.Postgres, realTime: true);
        var database = new NpgsqlConnectionStringBuilder(host.ConnectionString).Database!;

        var runs = await Task.WhenAll(Nodes.Select(node => RunCustosAsync(host, node, "--format", "json", "audit", "bench-worker", "--confirm-scratch", database, "--seconds", "3", "--warmup", "0", "--callers", "8")));

        foreach (var run in runs)
        {
            run.ExitCode.ShouldBe(0, run.Stderr);
        }

        var reports = runs.Select(r => JsonSerializer.Deserialize<Report>(r.Stdout, Json)!).ToList();
        reports.Select(r => r.Node).Order().ShouldBe(["proc-a", "proc-b"]);
        var entries = await host.EntriesAsync();
        var total = reports.Sum(r => r.Written);
        total.ShouldBeGreaterThan(0);
        // The workers' entries, plus what the ledger records of itself (the bulk-read alert each load raises is a
        // record.create of an AuditAlert, in the sequencer's transaction).
        entries.Count(e => e.ResourceType == "IncidentReport").ShouldBe((int)total);
        entries.Where(e => e.ResourceType != "IncidentReport").ShouldAllBe(e => e.ResourceType == "AuditAlert");
        entries.Select(e => e.Node).Distinct().Order().ShouldBe(["proc-a", "proc-b"]);
        entries.Select(e => e.Sequence).OfType<long>().Order().ShouldBe(Enumerable.Range(0, entries.Count).Select(i => (long)i), "every entry integrated, no gaps, no duplicates");

        // One sequencer at a time: the rounds of both processes, in order, each start where the previous one ended.
        var rounds = reports.SelectMany(r => r.Rounds).OrderBy(r => r.From).ToList();
        rounds[0].From.ShouldBe(0);
        for (var i = 1; i < rounds.Count; i++)
        {
            rounds[i].From.ShouldBe(rounds[i - 1].To, $"round {i} of {rounds.Count}");
        }

        rounds[^1].To.ShouldBe(entries.Count);

        var verify = await RunCustosAsync(host, "proc-c", "audit", "verify");
        verify.ExitCode.ShouldBe(0, verify.Stdout + verify.Stderr);
        verify.Stdout.ShouldContain("Everything checks");
    }

    [Fact]
    public async Task The_ledger_bench_runs_two_worker_processes_per_load_and_prints_each_figure_with_its_ratio()
    {
        // Issue 4, item 9: `custos audit bench` as a user runs it (SQLite only: no scratch PostgreSQL is named).
        var run = await RunCustosAsync(host: null, node: null, "--format", "json", "audit", "bench", "--entries", "2000", "--seconds", "1");

        run.ExitCode.ShouldBe(0, run.Stderr);
        var figures = JsonSerializer.Deserialize<List<BenchFigure>>(run.Stdout, Json)!;
        figures.Single(f => f.Name.StartsWith("Offline verification of an export of 2,000 entries", StringComparison.Ordinal)).Ratio!.Value.ShouldBeGreaterThan(0);
        figures.Single(f => f.Name.StartsWith("Inclusion proof length", StringComparison.Ordinal)).Value.ShouldBe(11); // ceil(log2 2,000)
        var appends = figures.Where(f => f.Name.StartsWith("SQLite: appends, 2 processes x ", StringComparison.Ordinal)).ToList();
        appends.Select(f => f.Name[..f.Name.IndexOf(',', "SQLite: appends, ".Length)]).ShouldBe(
            ["SQLite: appends, 2 processes x 32 callers", "SQLite: appends, 2 processes x 32 callers", "SQLite: appends, 2 processes x 4 callers", "SQLite: appends, 2 processes x 128 callers"]);
        appends.ShouldAllBe(f => f.Value > 0 && f.Ratio > 0);
        appends[0].Ratio.ShouldBe(1, "the one-transaction-per-call load is the baseline of its run");
        figures.Count(f => f.Name.StartsWith("SQLite: integration lag p99", StringComparison.Ordinal)).ShouldBe(4);
        run.Stderr.ShouldContain("two processes x 128 callers");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunCustosAsync(LedgerHost? host, string? node, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliAssembly());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (host is not null)
        {
            start.Environment["Database__Provider"] = host.Provider.ToString();
            start.Environment["ConnectionStrings__Custos"] = host.ConnectionString;
            start.Environment["Audit__SigningKeyPath"] = host.KeyPath;
            start.Environment["Audit__WitnessPath"] = host.WitnessPath;
            start.Environment["Audit__Node"] = node;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The CLI built next to this test project: src/Custos.Cli/bin/&lt;configuration&gt;/&lt;framework&gt;/Custos.Cli.dll.</summary>
    private static string CliAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Custos.slnx")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "src", "Custos.Cli", "bin", output.Parent!.Name, output.Name, "Custos.Cli.dll");
        File.Exists(path).ShouldBeTrue($"The CLI is not built at {path}: run `dotnet build src/Custos.Cli`.");
        return path;
    }

    private sealed record BenchFigure(string Name, double Value, string Unit, double? Ratio, string? RatioOf);

    private sealed record Round(long From, long To, double LagMs, bool Measured);

    private sealed record Report(string Node, long Written, double Seconds, long Commits, long GroupedEntries, IReadOnlyList<Round> Rounds);
}
