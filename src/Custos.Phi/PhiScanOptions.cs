namespace Custos.Phi;

/// <summary>What a scan reports.</summary>
public sealed class PhiScanOptions
{
    /// <summary>The default options: every type, confidence 0.5 and above.</summary>
    public static PhiScanOptions Default { get; } = new();

    /// <summary>The types to report; null or empty reports all of them.</summary>
    public IReadOnlySet<PhiType>? Types { get; init; }

    /// <summary>Findings below this confidence are dropped. Default 0.5.</summary>
    public double MinConfidence { get; init; } = 0.5;

    internal bool Includes(PhiType type) => Types is null || Types.Count == 0 || Types.Contains(type);
}
