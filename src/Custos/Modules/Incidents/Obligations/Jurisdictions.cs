using System.Collections.Frozen;

namespace Custos.Modules.Incidents.Obligations;

/// <summary>
/// The States and jurisdictions of 45 CFR 160.103 ("State"): the 50 States, the District of Columbia, Puerto Rico,
/// the Virgin Islands, Guam, American Samoa and the Northern Mariana Islands, by USPS code.
/// </summary>
public static class Jurisdictions
{
    private static readonly FrozenSet<string> Codes = new[]
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
        "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
        "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        "DC", "PR", "VI", "GU", "AS", "MP",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(string? code) => code is { Length: 2 } && Codes.Contains(code);
}
