namespace Custos.Platform;

/// <summary>
/// A setting is missing or wrong. Hosts print <see cref="Exception.Message"/> alone (no stack trace) and exit non-zero,
/// so the message must name the setting and say what to do.
/// </summary>
public sealed class CustosConfigurationException : Exception
{
    public CustosConfigurationException(string setting, string message)
        : base($"Configuration error in '{setting}': {message}")
    {
        Setting = setting;
    }

    public CustosConfigurationException(string setting, string message, Exception innerException)
        : base($"Configuration error in '{setting}': {message}", innerException)
    {
        Setting = setting;
    }

    public string Setting { get; }
}
