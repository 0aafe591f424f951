using System.Globalization;

namespace Custos.Phi;

/// <summary>
/// One identifier found in a text: its type, its span as UTF-16 code-unit offsets into the scanned text (end
/// exclusive), how sure the detector is, and which detector found it. A finding never carries the value itself.
/// </summary>
/// <param name="Type">The kind of identifier.</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Confidence">From 0 to 1.</param>
/// <param name="Detector">A stable detector id such as <c>ssn.pattern</c>.</param>
public readonly record struct PhiFinding(PhiType Type, int Start, int End, double Confidence, string Detector)
{
    /// <summary>The number of characters covered.</summary>
    public int Length => End - Start;

    /// <summary>The type name, the span and the confidence, never the value.</summary>
    /// <returns>Such as <c>SSN [12,23) 0.95 ssn.pattern</c>.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{PhiTypes.Name(Type)} [{Start},{End}) {Confidence:0.00} {Detector}");
}
