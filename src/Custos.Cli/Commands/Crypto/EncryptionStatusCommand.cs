using System.CommandLine;
using System.Globalization;
using Custos.Cli.Output;
using Custos.Platform.Crypto;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Crypto;

internal static class EncryptionStatusCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var command = new Command(
            "status",
            "Show the data keys (purpose, state, which key-encryption key wrapped them), how many stored values each " +
            "protects, and whether the configured key-encryption key can unwrap them. Changes nothing.");
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            var status = await services.GetRequiredService<GetEncryptionStatus>().HandleAsync(cancellationToken);
            output.Write(status, s => WriteText(output, s));
            return status.KeyEncryptionKeyProblem is null ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }

    private static void WriteText(CommandOutput output, EncryptionStatus status)
    {
        output.Fields(
            ("Key-encryption key", status.KeyEncryptionKeyProblem ?? (status.Keys.Count == 0 ? "not used yet (no data keys)" : "unwraps every data key")),
            ("Sensitive columns", status.SensitiveColumns.Count == 0 ? "none" : string.Join(", ", status.SensitiveColumns)),
            ("Unreadable values", status.UnreadableValues.ToString(CultureInfo.InvariantCulture)));
        if (status.Keys.Count == 0)
        {
            return;
        }

        output.Line();
        // Full key ids fit the width only without the dates; --format json has them.
        var table = new TextTable("KEY", "PURPOSE", "STATE", "KEK", "VALUES");
        foreach (var key in status.Keys)
        {
            table.AddRow(
                key.Id.ToString(),
                key.Purpose.ToString(),
                key.State.ToString(),
                key.KeyEncryptionKeyId,
                key.Purpose == DataKeyPurpose.FieldEncryption ? key.Values.ToString(CultureInfo.InvariantCulture) : "-");
        }

        output.Table(table);
    }
}
