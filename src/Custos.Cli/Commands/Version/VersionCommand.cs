using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Custos.Cli.Commands.Version;

internal static class VersionCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var command = new Command("version", "Show the Custos version, the source commit it was built from, and the .NET runtime.");
        command.SetAction(parseResult =>
        {
            var output = runtime.OutputFor(parseResult);
            output.Write(Describe(), info => output.Fields(
                ("Custos", info.Version),
                ("Commit", info.Commit ?? "unknown (built outside a git checkout)"),
                ("Runtime", info.Runtime),
                ("Platform", $"{info.OperatingSystem} ({info.RuntimeIdentifier})")));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static VersionInfo Describe()
    {
        var assembly = typeof(VersionCommand).Assembly;

        // The SDK appends "+<commit>" to the informational version when it builds from a git checkout.
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 || plus == informational.Length - 1 ? null : informational[(plus + 1)..];
        return new VersionInfo(
            version,
            commit,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription,
            RuntimeInformation.RuntimeIdentifier);
    }
}

internal sealed record VersionInfo(string Version, string? Commit, string Runtime, string OperatingSystem, string RuntimeIdentifier);
