using Custos.Cli.Hosting;
using Custos.Cli.Output;
using Custos.Platform.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Database;

/// <summary>
/// Commands that read or change records need the current schema. They bring it up to date the way the web host does
/// at start (only when Database:MigrateOnStartup is true, the default), and otherwise stop with what to run.
/// </summary>
internal static class SchemaGuard
{
    public static async Task EnsureCurrentAsync(IServiceProvider services, CommandOutput output, CancellationToken cancellationToken)
    {
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        var settings = services.GetRequiredService<DatabaseSettings>();
        var pending = await migrator.GetPendingMigrationsAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }

        var migrations = DisplayText.Count(pending.Count, "migration", "migrations");
        if (!settings.MigrateOnStartup)
        {
            throw new CommandFailedException(
                $"The {settings.DescribeTarget()} needs {migrations} before Custos can use it ({string.Join(", ", pending)}). " +
                $"Run `custos db migrate` ({DatabaseSettings.MigrateOnStartupKey} is false, so other commands do not apply them).");
        }

        var applied = await migrator.MigrateAsync(progress: null, cancellationToken);
        output.Notice(
            $"Applied {DisplayText.Count(applied.Count, "pending migration", "pending migrations")} to the {settings.DescribeTarget()} " +
            $"first ({string.Join(", ", applied)}), as the web host does when {DatabaseSettings.MigrateOnStartupKey} is true.");
    }
}
