using System.CommandLine;

namespace Custos.Cli.Commands.Database;

internal static class DatabaseCommands
{
    public static Command Create(CommandRuntime runtime) => new("db", "The database Custos keeps its records in: create or upgrade it (migrate) and show its state (status).")
    {
        MigrateDatabaseCommand.Create(runtime),
        DatabaseStatusCommand.Create(runtime),
    };
}
