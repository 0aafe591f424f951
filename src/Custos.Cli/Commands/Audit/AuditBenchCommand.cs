using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Custos.Cli.Hosting;
using Custos.Cli.Output;
using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Audit;

/// <summary>
/// `custos audit bench`: the ledger's performance figures (issue 4, item 9), each with its ratio to a baseline measured
/// in the same run or to the goal. Appends run on a scratch database (a temporary SQLite file, and the PostgreSQL
/// database given with --postgres, which must be a scratch database), never on the configured one.
/// </summary>
internal static class AuditBenchCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var entries = new Option<int>("--entries") { Description = "Entries for the offline verification figure.", HelpName = "count", DefaultValueFactory = _ => 1_000_000 };
        var seconds = new Option<int>("--seconds") { Description = "How long each append load runs.", HelpName = "seconds", DefaultValueFactory = _ => 8 };
        var postgres = new Option<string?>("--postgres") { Description = "Connection string of a scratch PostgreSQL database to measure appends on as well.", HelpName = "connection" };
        var synchronous = new Option<SqliteSynchronous>("--sqlite-synchronous") { Description = "SQLite's synchronous setting for the SQLite appends: Full (the default) or Normal (to measure what Full costs).", DefaultValueFactory = _ => SqliteSynchronous.Full };
        var command = new Command("bench", "Measure the ledger: offline verification against raw SHA-256 on the same bytes, proof length, and appends from two worker processes (the old one-transaction-per-call path as the baseline, then group commit) with the integration lag.")
        {
            entries,
            seconds,
            postgres,
            synchronous,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = runtime.OutputFor(parseResult);
            var figures = new List<BenchFigure>();
            output.Notice($"Verifying {parseResult.GetValue(entries):N0} entries in memory...");
            figures.AddRange(await AuditBench.VerificationAsync(parseResult.GetValue(entries), cancellationToken));

            var folder = Path.Combine(Path.GetTempPath(), "custos-audit-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                output.Notice("Appending on a temporary SQLite database...");
                var sqliteLabel = parseResult.GetValue(synchronous) == SqliteSynchronous.Full ? "SQLite" : "SQLite (synchronous=NORMAL)";
                figures.AddRange(await AppendsAsync(sqliteLabel, DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}", folder, parseResult.GetValue(seconds), 10_000, output, cancellationToken, parseResult.GetValue(synchronous)));
                if (parseResult.GetValue(postgres) is { Length: > 0 } connection)
                {
                    output.Notice("Appending on the scratch PostgreSQL database...");
                    figures.AddRange(await AppendsAsync("PostgreSQL", DatabaseProvider.Postgres, connection, folder, parseResult.GetValue(seconds), 5_000, output, cancellationToken));
                }
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }

            output.Write(figures, list =>
            {
                var table = new TextTable("FIGURE", "VALUE", "RATIO");
                foreach (var f in list)
                {
                    table.AddRow(f.Name, $"{f.Value:N1} {f.Unit}", f.Ratio is { } r ? $"{r:0.00}" + (f.RatioOf is null ? string.Empty : $" of {f.RatioOf}") : "-");
                }

                output.Table(table);
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static readonly JsonSerializerOptions ReportJson = new() { PropertyNameCaseInsensitive = true };

    private static readonly string[] WorkerNodes = ["bench-a", "bench-b"];

    private static readonly string[] BaselineFlag = ["--one-transaction-per-call"];

    /// <summary>The loads, each run by two worker processes at once: (callers per process, entries per call, baseline path).</summary>
    private static readonly (int Callers, int Batch, bool Direct)[] Loads =
    [
        (32, 1, true),
        (32, 1, false),
        (4, 100, false),

        // One entry per call again, with the concurrency a host appending 10,000 entries/s has: at 20-30 ms per
        // request, Little's law puts 200-300 requests in flight across two processes.
        (128, 1, false),
    ];

    private static async Task<IReadOnlyList<BenchFigure>> AppendsAsync(string label, DatabaseProvider provider, string connection, string folder, int seconds, int goal, CommandOutput output, CancellationToken cancellationToken, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        var settings = new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = provider.ToString(),
            [DatabaseSettings.SqliteSynchronousKey] = synchronous.ToString(),
            [DatabaseSettings.ConnectionStringKey] = connection,
            ["Audit:SigningKeyPath"] = Path.Combine(folder, "key.pem"),
            ["Audit:WitnessPath"] = Path.Combine(folder, $"witness-{label}.jsonl"),
        };
        await using (var services = CliHost.BuildServices(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), TextWriter.Null))
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(progress: null, cancellationToken);
        }

        var scratch = provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnectionStringBuilder(connection).Database!
            : Path.GetFileName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource);
        var figures = new List<BenchFigure>();
        double? baseline = null;
        foreach (var (callers, batch, direct) in Loads)
        {
            output.Notice($"{label}: two processes x {callers} callers, {batch} per call{(direct ? ", one transaction per call" : string.Empty)}...");
            var reports = await Task.WhenAll(WorkerNodes.Select(node => RunWorkerAsync(settings, node, scratch, seconds, callers, batch, direct, cancellationToken)));
            var rate = reports.Sum(r => r.Written / r.Seconds);
            var rounds = reports.SelectMany(r => r.Rounds).Where(r => r.Measured).ToList();
            var lags = rounds.Select(r => r.LagMs).Order().ToList();
            var checkpointLags = reports.SelectMany(r => r.CheckpointLagsMs).Order().ToList();
            var atAppend = rounds.Where(r => r.AtAppend).Sum(r => r.To - r.From) / (double)Math.Max(1, rounds.Sum(r => r.To - r.From));
            var what = $"2 processes x {callers} callers, {batch} per call";
            if (direct)
            {
                baseline = rate;
                figures.Add(new($"{label}: appends, {what}, one transaction per call (the old path: baseline)", rate, "entries/s", 1.0, null));
            }
            else
            {
                var grouped = reports.Sum(r => r.GroupedEntries) / (double)Math.Max(1, reports.Sum(r => r.Commits));
                figures.Add(new($"{label}: appends, {what}, group commit (mean {grouped:0} entries per commit)", rate, "entries/s", rate / goal, $"goal {goal:N0}/s" + (baseline is { } b && batch == 1 ? $"; {rate / b:0.0}x the old path" : string.Empty)));
            }

            figures.Add(new($"{label}: integration lag p99 under that load ({lags.Count} rounds, {atAppend:P0} of the entries integrated in their group commit; led by {string.Join(" / ", reports.Select(r => $"{r.Node} {r.Rounds.Count}"))})", Percentile(lags, 0.99), "ms", Percentile(lags, 0.99) / 1000, "goal 1,000 ms"));
            figures.Add(new($"{label}: integration lag p50", Percentile(lags, 0.50), "ms", null, null));
            figures.Add(new($"{label}: checkpoint lag p99 (append to the first checkpoint covering it; {checkpointLags.Count} checkpoints, interval {new AuditOptions().CheckpointInterval.TotalMilliseconds:0} ms)", Percentile(checkpointLags, 0.99), "ms", Percentile(checkpointLags, 0.99) / 1000, "goal 1,000 ms"));
        }

        return figures;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * p) - 1)];

    private static async Task<WorkerReport> RunWorkerAsync(Dictionary<string, string?> settings, string node, string scratch, int seconds, int callers, int batch, bool direct, CancellationToken cancellationToken)
    {
        var start = WorkerProcess.StartInfo(
            ["--format", "json", "audit", "bench-worker", "--confirm-scratch", scratch, "--seconds", seconds.ToString(CultureInfo.InvariantCulture), "--warmup", "3", "--callers", callers.ToString(CultureInfo.InvariantCulture), "--batch", batch.ToString(CultureInfo.InvariantCulture), .. direct ? BaselineFlag : []]);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Audit__Node"] = node;
        using var process = Process.Start(start) ?? throw new CommandFailedException("The benchmark could not start a worker process.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new CommandFailedException($"A benchmark worker failed (exit {process.ExitCode}): {(await stderr).Trim()}");
        }

        return JsonSerializer.Deserialize<WorkerReport>(await stdout, ReportJson) ?? throw new CommandFailedException("A benchmark worker printed no report.");
    }
}

/// <summary>How to start this same `custos` as another process: the apphost, or `dotnet Custos.Cli.dll`.</summary>
internal static class WorkerProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var path = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
