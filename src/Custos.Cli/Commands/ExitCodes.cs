namespace Custos.Cli.Commands;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed: configuration error, unreachable database, rule broken.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: unknown command or option, invalid option value.</summary>
    public const int Usage = 2;
}
