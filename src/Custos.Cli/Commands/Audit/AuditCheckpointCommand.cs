using System.CommandLine;
using Custos.Cli.Commands.Database;
using Custos.Platform.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Audit;

internal static class AuditCheckpointCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var command = new Command("checkpoint", "Integrate every waiting entry now and sign a checkpoint of the whole tree (appended to the witness).");
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var result = await services.GetRequiredService<AuditSequencer>().IntegrateAllAsync(cancellationToken);
            var latest = await services.GetRequiredService<AuditLedgerReader>().LatestCheckpointAsync(cancellationToken);
            output.Write(new { result.Integrated, result.TreeSize, checkpoint = latest }, r => output.Line(latest is null
                ? "The ledger is empty: nothing to checkpoint."
                : $"Integrated {result.Integrated:N0} waiting entries. Latest checkpoint: {latest.TreeSize:N0} entries, root {latest.RootHash}, signed {latest.SignedAt:u} by key {latest.KeyId}."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
