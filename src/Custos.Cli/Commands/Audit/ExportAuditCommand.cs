using System.CommandLine;
using Custos.Cli.Commands.Database;
using Custos.Cli.Hosting;
using Custos.Platform.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Audit;

internal static class ExportAuditCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "A new or empty folder to write the export to.",
            HelpName = "folder",
            Required = true,
        };
        var command = new Command(
            "export",
            "Write every entry (RFC 8785 canonical JSON), the recorded leaf hashes, every signed checkpoint, the witness lines and " +
            "the public key to a folder that `custos audit verify --from` (or openssl, for the latest checkpoint) checks offline. " +
            "Waiting entries are integrated and checkpointed first. The export is itself recorded in the ledger.")
        {
            output,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (console, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, console, cancellationToken);
            await services.GetRequiredService<AuditSequencer>().IntegrateAllAsync(cancellationToken);
            ExportSummary summary;
            try
            {
                summary = await services.GetRequiredService<AuditLedgerMaintenance>().ExportAsync(
                    parseResult.GetValue(output)!.FullName,
                    new Output.ImmediateProgress<long>(count => console.Notice($"Exported {count:N0} entries...")),
                    cancellationToken);
            }
            catch (IOException ex)
            {
                throw new CommandFailedException(ex.Message);
            }

            console.Write(summary, s => console.Line(
                $"Exported {s.Entries:N0} entries and {s.Checkpoints} signed checkpoints (key {s.KeyId}) to {s.Directory}. " +
                $"Check it with `custos audit verify --from {s.Directory}`."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
