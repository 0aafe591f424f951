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
        var withArchive = new Option<DirectoryInfo[]>("--with-archive")
        {
            Description = "Verify the whole history: these archive folders (from `custos audit archive`, one per archived segment) followed by the database.",
            HelpName = "folder",
            AllowMultipleArgumentsPerToken = false,
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
            withArchive,
            witness,
            publicKey,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var folder = parseResult.GetValue(from);
            var witnessFile = parseResult.GetValue(witness);
            var archives = parseResult.GetValue(withArchive) ?? [];
            if (folder is not null && archives.Length > 0)
            {
                throw new CommandFailedException("--from verifies one folder alone; --with-archive verifies archives together with the database. Give one or the other.");
            }

            if (folder is null)
            {
                return await runtime.RunWithServicesAsync(parseResult, async (output, services) =>
                {
                    await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
                    VerificationReport report;
                    try
                    {
                        var maintenance = services.GetRequiredService<AuditLedgerMaintenance>();
                        report = witnessFile is not null
                            ? throw new CommandFailedException("--witness applies to --from; the live ledger is compared with the configured witness (Audit:WitnessPath).")
                            : archives.Length > 0
                                ? await maintenance.VerifyWithArchivesAsync(AuditLedgerMaintenance.TriggerCommandLine, archives.Select(a => a.FullName).ToList(), Progress(output), cancellationToken)
                                : await maintenance.VerifyAsync(AuditLedgerMaintenance.TriggerCommandLine, Progress(output), cancellationToken);
                    }
                    catch (InvalidDataException ex)
                    {
                        throw new CommandFailedException(ex.Message);
                    }

                    return Report(output, report, archives.Length > 0 ? $"the {archives.Length} archive(s) and the database" : "the database");
                }, cancellationToken);
            }

            var output = runtime.OutputFor(parseResult);
            try
            {
                var source = new ExportLedgerSource(folder.FullName);
                var keys = source.LoadKeyRing(parseResult.GetValue(publicKey)?.FullName);
                var witnessed = source.LoadWitness(witnessFile?.FullName);
                var report = await AuditVerifier.VerifyAsync(source, keys, witnessed, Progress(output), cancellationToken);
                if (report.Passed && await source.CheckManifestAsync(cancellationToken) is { } manifestFailure)
                {
                    report = report with { Failure = manifestFailure };
                }

                return Report(output, report, source.Archive is { } archive ? $"the archive of entries {archive.From} to {archive.Through - 1} in {folder.FullName}" : $"the export in {folder.FullName}");
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
                var archived = r.ArchivedEntries > 0 ? $" (and {r.ArchivedEntries:N0} archived entries through their recorded leaves and archive record)" : string.Empty;
                output.Line($"Verified {what}: {r.EntriesChecked:N0} entries{archived}, {r.CheckpointsChecked} signed checkpoints, {r.WitnessRecordsChecked} witness records. Everything checks.");
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
