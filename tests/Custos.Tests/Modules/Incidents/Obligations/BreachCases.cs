using System.Globalization;
using Custos.Modules.Incidents.Obligations;

namespace Custos.Tests.Modules.Incidents.Obligations;

/// <summary>Builders and a compact notation for obligations: "individuals 2026-05-01", "media TX 2026-05-01".</summary>
internal static class BreachCases
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Dictionary<string, int> Affected(string spec) =>
        spec.Length == 0
            ? []
            : spec.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));

    public static BreachFacts CoveredEntity(string discovered, string affected = "") => new()
    {
        Role = BreachRole.CoveredEntity,
        DiscoveredOn = D(discovered),
        AffectedByJurisdiction = Affected(affected),
    };

    public static BreachFacts BusinessAssociate(string discovered, params AffectedCoveredEntity[] customers) => new()
    {
        Role = BreachRole.BusinessAssociate,
        DiscoveredOn = D(discovered),
        CoveredEntities = customers,
    };

    public static LawEnforcementDelay Oral(string from, string? until = null) =>
        new(LawEnforcementStatement.Oral, D(from), until is null ? null : D(until));

    public static LawEnforcementDelay Written(string from, string until) =>
        new(LawEnforcementStatement.Written, D(from), D(until));

    public static string Describe(NotificationObligation o) =>
        o.Recipient.ToWireName()
        + (o.Jurisdiction is null ? string.Empty : " " + o.Jurisdiction)
        + (o.CoveredEntity is null ? string.Empty : $" [{o.CoveredEntity}]")
        + " " + o.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string[] Sorted(IEnumerable<string> lines) => lines.Order(StringComparer.Ordinal).ToArray();
}
