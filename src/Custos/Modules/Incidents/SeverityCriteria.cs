using Custos.Modules.Incidents.Contracts;
using Microsoft.Extensions.Options;

namespace Custos.Modules.Incidents;

/// <summary>One severity rule: when every condition given matches, the incident is at least <see cref="Severity"/>.</summary>
public sealed class SeverityRule
{
    public IncidentKind? Kind { get; set; }

    public bool? PhiInvolved { get; set; }

    /// <summary>Matches when the estimated number of individuals is at least this.</summary>
    public int? MinimumIndividuals { get; set; }

    public IncidentSeverity Severity { get; set; }
}

/// <summary>
/// The severity criteria, as data under <c>Incidents:Severity:Rules</c> (appsettings or environment variables,
/// for example <c>Incidents__Severity__Rules__0__Kind=MisdirectedPhi</c>). When rules are configured they replace the
/// defaults entirely. The highest severity of the rules that match wins; none matching means Low.
/// </summary>
public sealed class IncidentSeverityOptions
{
    public const string Section = "Incidents:Severity";

    public List<SeverityRule>? Rules { get; set; }

    /// <summary>Severities at or above this notify the Security and Privacy Officers at once (default High).</summary>
    public IncidentSeverity AlertAt { get; set; } = IncidentSeverity.High;

    public static IReadOnlyList<SeverityRule> Defaults { get; } =
    [
        new() { PhiInvolved = true, MinimumIndividuals = 500, Severity = IncidentSeverity.Critical },
        new() { PhiInvolved = true, MinimumIndividuals = 10, Severity = IncidentSeverity.High },
        new() { PhiInvolved = true, Kind = IncidentKind.LostOrStolenDevice, Severity = IncidentSeverity.High },
        new() { PhiInvolved = true, Kind = IncidentKind.SecurityIncident, Severity = IncidentSeverity.High },
        new() { PhiInvolved = true, Severity = IncidentSeverity.Medium },
        new() { Kind = IncidentKind.SecurityIncident, Severity = IncidentSeverity.Medium },
    ];

    public IReadOnlyList<SeverityRule> EffectiveRules => Rules is { Count: > 0 } ? Rules : Defaults;
}

/// <summary>Applies the configured severity criteria to an incident's facts.</summary>
public sealed class SeverityCriteria(IOptions<IncidentSeverityOptions> options)
{
    public IncidentSeverityOptions Options => options.Value;

    public IncidentSeverity Evaluate(IncidentKind kind, bool? phiInvolved, int? estimatedIndividuals)
    {
        var matching = options.Value.EffectiveRules.Where(r =>
            (r.Kind is null || r.Kind == kind) &&
            (r.PhiInvolved is null || r.PhiInvolved == phiInvolved) &&
            (r.MinimumIndividuals is null || (estimatedIndividuals ?? 0) >= r.MinimumIndividuals));
        return matching.Select(r => r.Severity).DefaultIfEmpty(IncidentSeverity.Low).Max();
    }

    public bool Alerts(IncidentSeverity severity) => severity >= options.Value.AlertAt;
}
