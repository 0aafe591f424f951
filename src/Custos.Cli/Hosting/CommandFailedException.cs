namespace Custos.Cli.Hosting;

/// <summary>The command cannot do what was asked; the message says why and what to do (exit code 1).</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
