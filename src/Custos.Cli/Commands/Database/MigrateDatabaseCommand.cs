using System.CommandLine;
using Custos.Cli.Output;
using Custos.Platform.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Database;

internal static class MigrateDatabaseCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var command = new Command(
            "migrate",
            "Create the database or bring it to the schema this version of Custos needs, one migration at a time. " +
            "Safe to run again: it says so when there is nothing to do.");
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            var settings = services.GetRequiredService<DatabaseSettings>();
            var migrator = services.GetRequiredService<DatabaseMigrator>();
            var applied = await migrator.MigrateAsync(output.Progress(name => $"Applying {name}"), cancellationToken);
            var result = new MigrationResult(settings.Provider, settings.DescribeTarget(), applied, AlreadyCurrent: applied.Count == 0);
            output.Write(result, r => output.Line(r.AlreadyCurrent
                ? $"The {r.Target} is already current: no migrations to apply."
                : $"Applied {DisplayText.Count(r.Applied.Count, "migration", "migrations")} to the {r.Target}."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}

internal sealed record MigrationResult(DatabaseProvider Provider, string Target, IReadOnlyList<string> Applied, bool AlreadyCurrent);
