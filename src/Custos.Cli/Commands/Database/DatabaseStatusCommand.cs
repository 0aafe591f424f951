using System.CommandLine;
using Custos.Cli.Output;
using Custos.Platform.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Database;

internal static class DatabaseStatusCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var command = new Command(
            "status",
            "Show which database Custos uses (provider and target, never the password) and which migrations are applied " +
            "or still pending. Changes nothing.");
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            var settings = services.GetRequiredService<DatabaseSettings>();
            var migrator = services.GetRequiredService<DatabaseMigrator>();
            var applied = await migrator.GetAppliedMigrationsAsync(cancellationToken);
            var pending = await migrator.GetPendingMigrationsAsync(cancellationToken);
            var result = new DatabaseStatus(settings.Provider, settings.DescribeTarget(), applied, pending, IsCurrent: pending.Count == 0);
            output.Write(result, status => WriteText(output, status));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void WriteText(CommandOutput output, DatabaseStatus status)
    {
        var summary = $"{status.Applied.Count} applied, {status.Pending.Count} pending";
        output.Fields(
            ("Provider", status.Provider.ToString()),
            ("Target", status.Target),
            ("Migrations", status.IsCurrent
                ? $"{summary}: the schema is current"
                : $"{summary}: run `custos db migrate` (the web host applies them at start when Database:MigrateOnStartup is true)"));

        if (status.Applied.Count + status.Pending.Count == 0)
        {
            return;
        }

        output.Line();
        var table = new TextTable("MIGRATION", "STATE");
        foreach (var name in status.Applied)
        {
            table.AddRow(name, "Applied");
        }

        foreach (var name in status.Pending)
        {
            table.AddRow(name, "Pending");
        }

        output.Table(table);
    }
}

internal sealed record DatabaseStatus(
    DatabaseProvider Provider,
    string Target,
    IReadOnlyList<string> Applied,
    IReadOnlyList<string> Pending,
    bool IsCurrent);
