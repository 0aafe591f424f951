using System.CommandLine;
using Custos.Cli.Output;
using Custos.Platform.Crypto;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Crypto;

internal static class RotateKeysCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var noWait = new Option<bool>("--no-wait")
        {
            Description =
                "Do not wait for the grace period (twice Custos:Crypto:KeyRingRefreshInterval) before retiring the old key; " +
                "it stays Retiring and a later run, or the web host in the background, retires it.",
        };
        var command = new Command(
            "rotate",
            "Make a new data key active and re-encrypt every sensitive value with it, in batches, showing progress. " +
            "The old key is retired (its material erased) only once no value uses it and every node has had time to load " +
            "the new key. Safe to run again: an unfinished rotation is continued, not restarted.")
        {
            noWait,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            var handler = services.GetRequiredService<RotateDataKeys>();
            var result = await handler.HandleAsync(
                new RotateDataKeysCommand(WaitForRetirement: !parseResult.GetValue(noWait)),
                output.Progress(step => step),
                cancellationToken);
            output.Write(result, r => WriteText(output, r));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void WriteText(CommandOutput output, DataKeyRotation result)
    {
        output.Line();
        output.Fields(
            ("Active key", result.ActiveKeyId.ToString()),
            ("Rotation", result.Resumed ? "continued an unfinished rotation" : "started with a new key"),
            ("Re-encrypted", DisplayText.Count(result.ValuesReencrypted, "value", "values")),
            ("Retired", result.RetiredKeys.Count == 0 ? "none" : string.Join(", ", result.RetiredKeys)));
        foreach (var key in result.StillRetiring)
        {
            output.Notice(
                $"Data key {key.KeyId} is still retiring ({key.Values} value(s) left; retirable after {DisplayText.Of(key.RetirableAfter)}). " +
                "Run `custos crypto rotate` again after that time, or leave it to the web host.");
        }
    }
}
