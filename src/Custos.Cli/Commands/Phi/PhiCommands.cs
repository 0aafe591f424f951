using System.CommandLine;

namespace Custos.Cli.Commands.Phi;

internal static class PhiCommands
{
    public static Command Create(CommandRuntime runtime) => new(
        "phi",
        "Find PHI in files (scan), de-identify data sets by the Safe Harbor method (deidentify), replace identifiers " +
        "with keyed re-identification codes (pseudonymize), and measure the engine (evaluate, bench). Runs locally: " +
        "no database and no network.")
    {
        ScanPhiCommand.Create(runtime),
        DeidentifyPhiCommand.Create(pseudonymize: false),
        DeidentifyPhiCommand.Create(pseudonymize: true),
        EvaluatePhiCommand.Create(),
        BenchPhiCommand.Create(),
    };
}
