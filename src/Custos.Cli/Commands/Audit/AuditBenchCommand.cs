using System.CommandLine;
using System.Diagnostics;
using Custos.Cli.Hosting;
using Custos.Cli.Output;
using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
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
        var seconds = new Option<int>("--seconds") { Description = "How long each append load runs.", HelpName = "seconds", DefaultValueFactory = _ => 5 };
        var postgres = new Option<string?>("--postgres") { Description = "Connection string of a scratch PostgreSQL database to measure appends on as well.", HelpName = "connection" };
        var command = new Command("bench", "Measure the ledger: offline verification against raw SHA-256 on the same bytes, proof length, appends from two hosts with four writers, and integration lag.")
        {
            entries,
            seconds,
            postgres,
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
                figures.AddRange(await AppendsAsync("SQLite", DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}", folder, parseResult.GetValue(seconds), 10_000, cancellationToken));
                if (parseResult.GetValue(postgres) is { Length: > 0 } connection)
                {
                    output.Notice("Appending on the scratch PostgreSQL database...");
                    figures.AddRange(await AppendsAsync("PostgreSQL", DatabaseProvider.Postgres, connection, folder, parseResult.GetValue(seconds), 5_000, cancellationToken));
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

    private static async Task<IReadOnlyList<BenchFigure>> AppendsAsync(string label, DatabaseProvider provider, string connection, string folder, int seconds, int goal, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = provider.ToString(),
            [DatabaseSettings.ConnectionStringKey] = connection,
            ["Audit:SigningKeyPath"] = Path.Combine(folder, "key.pem"),
            ["Audit:WitnessPath"] = Path.Combine(folder, $"witness-{label}.jsonl"),
        }).Build();
        await using var hostA = CliHost.BuildServices(configuration, TextWriter.Null);
        await using var hostB = CliHost.BuildServices(configuration, TextWriter.Null);
        await using (var scope = hostA.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(progress: null, cancellationToken);
        }

        var figures = new List<BenchFigure>();
        foreach (var batch in new[] { 1, 100 })
        {
            var sequencer = hostA.GetRequiredService<AuditSequencer>();
            await sequencer.IntegrateAllAsync(cancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var lags = new List<double>();
            var rounds = new List<double>();
            var integrating = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var round = Stopwatch.StartNew();
                    var result = await sequencer.IntegrateAsync(false, CancellationToken.None);
                    rounds.Add(round.Elapsed.TotalMilliseconds);
                    if (result.OldestRecordedAt is { } oldest)
                    {
                        lags.Add((TimeProvider.System.GetUtcNow() - oldest).TotalMilliseconds);
                    }

                    if (result.Integrated < 5000)
                    {
                        await Task.Delay(200, CancellationToken.None);
                    }
                }
            }, CancellationToken.None);

            var clock = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(seconds);
            var counts = await Task.WhenAll(new[] { hostA, hostB }.SelectMany(host => Enumerable.Range(0, 2).Select(w => Task.Run(() => WriteAsync(host, batch, w, clock, deadline, cancellationToken), cancellationToken))));
            clock.Stop();
            await stop.CancelAsync();
            await integrating;
            var drain = Stopwatch.StartNew();
            await sequencer.IntegrateAllAsync(cancellationToken);
            drain.Stop();

            var rate = counts.Sum() / clock.Elapsed.TotalSeconds;
            lags.Sort();
            var p99 = lags.Count == 0 ? 0 : lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(lags.Count * 0.99) - 1)];
            var what = batch == 1 ? "one entry per transaction (security events)" : $"{batch} entries per transaction (a request's reads)";
            figures.Add(new($"{label}: appends, 2 hosts x 2 writers, {what}", rate, "entries/s", rate / goal, $"goal {goal:N0}/s"));
            figures.Add(new($"{label}: integration lag p99 under that load ({lags.Count} rounds)", p99, "ms", p99 / 1000, "goal 1,000 ms"));
            rounds.Sort();
            figures.Add(new($"{label}: integration round p99 duration", rounds.Count == 0 ? 0 : rounds[Math.Min(rounds.Count - 1, (int)Math.Ceiling(rounds.Count * 0.99) - 1)], "ms", null, null));
            figures.Add(new($"{label}: drain of the backlog left at the end", drain.Elapsed.TotalMilliseconds, "ms", null, null));
        }

        return figures;
    }

    private static async Task<int> WriteAsync(IServiceProvider host, int batch, int writer, Stopwatch clock, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var written = 0;
        var factory = host.GetRequiredService<IServiceScopeFactory>();
        while (clock.Elapsed < deadline)
        {
            await using var scope = factory.CreateAsyncScope();
            var entries = scope.ServiceProvider.GetRequiredService<AuditEntryFactory>();
            var items = Enumerable.Range(0, batch)
                .Select(i => entries.Create(AuditActions.RecordRead, AuditOutcome.Succeeded, "IncidentReport", $"w{writer}-{written + i}"))
                .ToList();
            await scope.ServiceProvider.GetRequiredService<AuditAppender>().AppendAsync(items, cancellationToken);
            written += batch;
        }

        return written;
    }
}
