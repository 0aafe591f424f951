using System.CommandLine;

namespace Custos.Cli.Commands.Audit;

internal static class AuditCommands
{
    public static Command Create(CommandRuntime runtime) => new(
        "audit",
        "The tamper-evident audit ledger (45 CFR 164.312(b)): verify it (against the database, an export or an archive), export it for " +
        "auditors, archive segments older than six years, print inclusion and consistency proofs (RFC 9162), sign a checkpoint now, and measure its speed.")
    {
        VerifyAuditCommand.Create(runtime),
        ExportAuditCommand.Create(runtime),
        ArchiveAuditCommand.Create(runtime),
        AuditProofCommands.CreateProof(runtime),
        AuditProofCommands.CreateConsistency(runtime),
        AuditCheckpointCommand.Create(runtime),
        AuditBenchCommand.Create(runtime),
        AuditBenchWorkerCommand.Create(runtime),
    };
}
