using System.CommandLine;
using Custos.Cli.Commands.Database;
using Custos.Cli.Hosting;
using Custos.Cli.Output;
using Custos.Platform.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Audit;

internal static class VerifyAuditCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var from = new Option<DirectoryInfo?>("--from")
        {
            Description = "Verify an export folder (from `custos audit export`) instead of the database; needs no database.",
            HelpName = "folder",
        };
        var witness = new Option<FileInfo?>("--witness")
        {
            Description = "Compare with this witness file instead of the configured one (or the copy inside the export).",
            HelpName = "file",
        };
        var publicKey = new Option<FileInfo?>("--public-key")
        {
            Description = "With --from: the checkpoint public key (PEM) to trust instead of the export's own public-key.pem.",
            HelpName = "file",
        };
        var command = new Command(
            "verify",
            "Recompute every entry's leaf, the Merkle tree and every checkpoint signature, and compare with the witness. Exits 0 " +
            "only when everything checks; otherwise prints the first bad sequence number and the kind of tampering " +
            "(modified, deleted, inserted, reordered, truncated, forged or missing checkpoint) and exits 1.")
        {
            from,
            witness,
            publicKey,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var folder = parseResult.GetValue(from);
            var witnessFile = parseResult.GetValue(witness);
            if (folder is null)
            {
                return await runtime.RunWithServicesAsync(parseResult, async (output, services) =>
                {
                    await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
                    VerificationReport report;
                    try
                    {
                        var maintenance = services.GetRequiredService<AuditLedgerMaintenance>();
                        report = witnessFile is null
                            ? await maintenance.VerifyAsync(AuditLedgerMaintenance.TriggerCommandLine, Progress(output), cancellationToken)
                            : throw new CommandFailedException("--witness applies to --from; the live ledger is compared with the configured witness (Audit:WitnessPath).");
                    }
                    catch (InvalidDataException ex)
                    {
                        throw new CommandFailedException(ex.Message);
                    }

                    return Report(output, report, "the database");
                }, cancellationToken);
            }

            var output = runtime.OutputFor(parseResult);
            try
            {
                var source = new ExportLedgerSource(folder.FullName);
                var keys = source.LoadKeyRing(parseResult.GetValue(publicKey)?.FullName);
                var witnessed = source.LoadWitness(witnessFile?.FullName);
                var report = await AuditVerifier.VerifyAsync(source, keys, witnessed, Progress(output), cancellationToken);
                return Report(output, report, $"the export in {folder.FullName}");
            }
            catch (InvalidDataException ex)
            {
                throw new CommandFailedException($"Cannot verify: {ex.Message}");
            }
        });
        return command;
    }

    private static ImmediateProgress<long> Progress(CommandOutput output) =>
        new(count =>
        {
            if (!output.IsJson && count > 0)
            {
                output.Notice($"Checked {count:N0} entries...");
            }
        });

    private static int Report(CommandOutput output, VerificationReport report, string what)
    {
        output.Write(report, r =>
        {
            if (r.Passed)
            {
                output.Line($"Verified {what}: {r.EntriesChecked:N0} entries, {r.CheckpointsChecked} signed checkpoints, {r.WitnessRecordsChecked} witness records. Everything checks.");
            }
            else
            {
                output.Line($"TAMPERING DETECTED: {Describe(r.Failure!.Kind)} at sequence number {r.Failure.Sequence}, in {what}.");
                output.Line(r.Failure.Message);
            }
        });
        return report.Passed ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Describe(TamperingKind kind) => kind switch
    {
        TamperingKind.Modified => "modified",
        TamperingKind.Deleted => "deleted",
        TamperingKind.Inserted => "inserted",
        TamperingKind.Reordered => "reordered",
        TamperingKind.Truncated => "truncated",
        TamperingKind.ForgedCheckpoint => "forged checkpoint",
        TamperingKind.MissingCheckpoint => "missing checkpoint",
    };
}
