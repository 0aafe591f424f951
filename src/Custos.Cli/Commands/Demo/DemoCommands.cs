using System.CommandLine;

namespace Custos.Cli.Commands.Demo;

internal static class DemoCommands
{
    public static Command Create(CommandRuntime runtime) => new("demo", "Fictional example data for trying Custos out: add it to an empty database (seed).")
    {
        SeedDemoCommand.Create(runtime),
    };
}
