using System.CommandLine;
using System.Globalization;
using Custos.Cli.Commands.Database;
using Custos.Cli.Hosting;
using Custos.Platform.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Audit;

/// <summary>`custos audit archive`: moves a segment older than six years to a verifiable folder (ADR 0006).</summary>
internal static class ArchiveAuditCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var before = new Option<string?>("--before")
        {
            Description = "Archive the entries recorded before this UTC date (YYYY-MM-DD), up to the last checkpoint that closes them. At least six years ago.",
            HelpName = "date",
        };
        var through = new Option<long?>("--through")
        {
            Description = "Archive up to (not including) this entry number, which must be the size of a signed checkpoint.",
            HelpName = "size",
        };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "A new or empty folder to write the archive to (required unless --dry-run).",
            HelpName = "folder",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Show the segment that would be archived and whether the six-year rule allows it; write and remove nothing.",
        };
        var command = new Command(
            "archive",
            "Move the oldest segment of the ledger, every entry of it at least six years old (45 CFR 164.316(b)(2)(i)), to a folder that " +
            "`custos audit verify --from` checks alone: its entries, leaves, the checkpoints covering it, the tree's compact range at its " +
            "start, the public key and a manifest with the SHA-256 of every file. The folder is verified against the database first; only " +
            "then are the entries removed, in one transaction with an archive record and a ledger entry. Tree hashes and checkpoints stay.")
        {
            before,
            through,
            output,
            dryRun,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (console, services) =>
        {
            var beforeText = parseResult.GetValue(before);
            var throughValue = parseResult.GetValue(through);
            if (beforeText is null == throughValue is null)
            {
                throw new CommandFailedException("Give exactly one of --before YYYY-MM-DD or --through SIZE.");
            }

            DateOnly? date = null;
            if (beforeText is not null)
            {
                date = DateOnly.TryParseExact(beforeText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                    ? parsed
                    : throw new CommandFailedException($"--before '{beforeText}' is not a date in the form YYYY-MM-DD.");
            }

            var folder = parseResult.GetValue(output);
            var isDryRun = parseResult.GetValue(dryRun);
            if (folder is null && !isDryRun)
            {
                throw new CommandFailedException("--out is required: the folder to write the archive to.");
            }

            await SchemaGuard.EnsureCurrentAsync(services, console, cancellationToken);
            if (!isDryRun)
            {
                await services.GetRequiredService<AuditSequencer>().IntegrateAllAsync(cancellationToken);
            }

            var archiver = services.GetRequiredService<AuditLedgerArchiver>();
            var plan = await archiver.PlanAsync(new ArchiveRequest(date, throughValue), cancellationToken);
            if (isDryRun)
            {
                console.Write(new { dryRun = true, plan.From, plan.Through, plan.Entries, plan.OldestRecordedAt, plan.NewestRecordedAt, plan.Allowed, plan.Refusal }, p => console.Line(plan.Allowed
                    ? $"Dry run: would archive entries {plan.From} to {plan.Through - 1} ({plan.Entries:N0} entries, recorded {plan.OldestRecordedAt:yyyy-MM-dd} to {plan.NewestRecordedAt:yyyy-MM-dd}), ending at the checkpoint of size {plan.Through}. Nothing was written or removed."
                    : $"Dry run: nothing can be archived. {plan.Refusal}"));
                return plan.Allowed ? ExitCodes.Success : ExitCodes.Failure;
            }

            if (!plan.Allowed)
            {
                throw new CommandFailedException($"Refused: {plan.Refusal} Nothing was written or removed.");
            }

            ArchiveResult result;
            try
            {
                result = await archiver.ArchiveAsync(plan, folder!.FullName, new Output.ImmediateProgress<ArchiveProgress>(p => console.Notice(p.Phase switch
                {
                    ArchiveProgress.Writing => $"Written {p.Done:N0} of {p.Total:N0} entries...",
                    ArchiveProgress.Verifying => $"Verified {p.Done:N0} of {p.Total:N0} entries...",
                    _ => $"Removed {p.Done:N0} of {p.Total:N0} entries from the database...",
                })), cancellationToken);
            }
            catch (Exception ex) when (ex is ArchiveRefusedException or IOException or InvalidDataException)
            {
                throw new CommandFailedException(ex.Message);
            }

            console.Write(result, r => console.Line(
                $"Archived entries {r.Record.FromSequence} to {r.Record.ThroughSequence - 1} ({r.Record.EntryCount:N0} entries, root {r.Record.RootHash}) to {r.Directory} " +
                $"(manifest SHA-256 {r.Record.ManifestSha256}) and removed them from the database. Check it with `custos audit verify --from {r.Directory}`."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
