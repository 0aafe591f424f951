using System.Text.Json;

namespace Custos.Tests.Cli;

/// <summary>What one run of the command left behind.</summary>
internal sealed record CommandRun(IReadOnlyList<string> Args, int ExitCode, string Stdout, string Stderr)
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    public IReadOnlyList<string> StderrLines => Lines(Stderr);

    /// <summary>Stdout parsed as the single JSON document that --format json promises.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>Fails with everything the command printed, so a failing test shows why.</summary>
    public CommandRun ShouldExitWith(int expected)
    {
        ExitCode.ShouldBe(expected, $"custos {string.Join(' ', Args)}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
        return this;
    }

    private static string[] Lines(string text) =>
        text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
