using System.CommandLine;

namespace Custos.Cli.Commands.Phi;

internal static class PhiCommands
{
    public static Command Create(CommandRuntime runtime) => new(
        "phi",
        "Find PHI in files (scan), de-identify data sets by the Safe Harbor method (deidentify), replace identifiers " +
        "with keyed re-identification codes (pseudonymize), re-identify recorded codes with a stated purpose (reidentify), " +
        "and measure the engine (evaluate, bench). Only reidentify and pseudonymize --record-codes use the database; the rest runs locally.")
    {
        ScanPhiCommand.Create(runtime),
        DeidentifyPhiCommand.Create(pseudonymize: false, runtime),
        DeidentifyPhiCommand.Create(pseudonymize: true, runtime),
        ReidentifyPhiCommand.Create(runtime),
        EvaluatePhiCommand.Create(),
        BenchPhiCommand.Create(),
    };
}
