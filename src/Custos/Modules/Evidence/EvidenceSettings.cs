using System.Globalization;
using Custos.Platform;
using Microsoft.Extensions.Configuration;

namespace Custos.Modules.Evidence;

/// <summary>Evidence settings: the largest file accepted (<c>Custos:Evidence:MaxFileBytes</c>, 100 MB by default).</summary>
public sealed record EvidenceSettings(long MaxFileBytes)
{
    public const string MaxFileBytesKey = "Custos:Evidence:MaxFileBytes";
    public const long DefaultMaxFileBytes = 100L * 1024 * 1024;

    public static EvidenceSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[MaxFileBytesKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new EvidenceSettings(DefaultMaxFileBytes);
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? new EvidenceSettings(bytes)
            : throw new CustosConfigurationException(MaxFileBytesKey, $"'{text}' is not a positive number of bytes (for 100 MB write 104857600).");
    }
}
