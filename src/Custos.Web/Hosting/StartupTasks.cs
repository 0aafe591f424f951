using Custos.Demo;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Custos.Web.Hosting;

/// <summary>
/// Runs before the server accepts requests: checks the database is reachable, applies migrations (unless
/// Database:MigrateOnStartup=false), seeds demo data when asked, and while no user exists issues the first-run
/// setup link, printed once the server is listening.
/// </summary>
internal sealed partial class StartupTasks(
    IServiceScopeFactory scopes,
    DatabaseSettings database,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    IServer server,
    ISetupLinkAnnouncer announcer,
    ILogger<StartupTasks> logger) : IHostedService
{
    public const string SeedDemoKey = "Custos:SeedDemo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        if (database.MigrateOnStartup)
        {
            var applied = await migrator.MigrateAsync(null, cancellationToken);
            var target = database.DescribeTarget();
            LogMigrated(logger, applied.Count, target);
        }
        else
        {
            var pending = await migrator.GetPendingMigrationsAsync(cancellationToken);
            if (pending.Count > 0)
            {
                // The schema is not there yet: serve health checks (not ready) and nothing that needs tables.
                LogPendingMigrations(logger, pending.Count);
                return;
            }
        }

        if (configuration.GetValue<bool>(SeedDemoKey))
        {
            var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(null, cancellationToken);
            LogDemoSeed(logger, result.Seeded ? "added" : "skipped: data already present");
        }

        // After an upgrade in place, report what the new built-in catalog changed (ADR 0022); records are not touched.
        if (await scope.ServiceProvider.GetRequiredService<Custos.Modules.Safeguards.CheckCatalogUpgrade>().HandleAsync(cancellationToken) is { } upgrade)
        {
            LogCatalogUpgrade(logger, upgrade.FromVersion, upgrade.ToVersion, upgrade.Added.Count, upgrade.Changed.Count, upgrade.Withdrawn.Count);
        }

        var token = await scope.ServiceProvider.GetRequiredService<FirstRunSetup>().IssueTokenAsync(cancellationToken);
        if (token is not null)
        {
            lifetime.ApplicationStarted.Register(() => announcer.Announce(SetupLink(token), FirstRunSetup.TokenLifetime));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Uri SetupLink(string token)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? TransportSecurity.DefaultUrl;
        var builder = new UriBuilder(address.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal))
        {
            Path = "/setup",
            Query = "token=" + Uri.EscapeDataString(token),
        };
        return builder.Uri;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Database ready: {Target}; {Count} migration(s) applied at start")]
    private static partial void LogMigrated(ILogger logger, int count, string target);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{Count} migration(s) are pending and Database:MigrateOnStartup is false: run 'custos db migrate', then restart Custos")]
    private static partial void LogPendingMigrations(ILogger logger, int count);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Demo data {Outcome}")]
    private static partial void LogDemoSeed(ILogger logger, string outcome);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "The HIPAA catalog was upgraded from {From} to {To}: {Added} added, {Changed} changed, {Withdrawn} withdrawn; see /compliance/catalog-upgrades")]
    private static partial void LogCatalogUpgrade(ILogger logger, string from, string to, int added, int changed, int withdrawn);
}
