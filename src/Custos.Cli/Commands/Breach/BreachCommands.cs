using System.CommandLine;

namespace Custos.Cli.Commands.Breach;

internal static class BreachCommands
{
    public static Command Create(CommandRuntime runtime) => new(
        "breach",
        "HIPAA breach notification (45 CFR 164.400-414): compute who must be notified and by when, with the State " +
        "rules loaded. Needs no database.")
    {
        BreachDeadlinesCommand.Create(runtime),
    };
}
