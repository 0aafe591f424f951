using System.Text.Json.Serialization;

namespace Custos.Modules.Incidents.Obligations;

/// <summary>What a State deadline counts from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StateClockAnchor>))]
public enum StateClockAnchor
{
    /// <summary>The date the breach was discovered.</summary>
    [JsonStringEnumMemberName("discovery")]
    Discovery,

    /// <summary>
    /// The date the organization determined that a breach occurred. Custos counts from discovery, which is never
    /// later, and says so in the reasoning.
    /// </summary>
    [JsonStringEnumMemberName("determination")]
    Determination,

    /// <summary>The date residents are notified; the latest such date is the State's (or HIPAA's) individual deadline.</summary>
    [JsonStringEnumMemberName("individual_notice")]
    IndividualNotice,
}

/// <summary>A State deadline: <see cref="Days"/> calendar days after <see cref="Anchor"/>, in the statute's words.</summary>
/// <param name="Days">Calendar days; null when the law gives no number (e.g. "immediately").</param>
public sealed record StateDeadline(int? Days, StateClockAnchor Anchor, string Text);

/// <summary>A State regulator that must be told when at least <see cref="MinimumResidents"/> residents are affected.</summary>
/// <param name="MinimumResidents">The threshold as an inclusive minimum: "more than 500" is 501, "at least 250" is 250.</param>
public sealed record StateRegulatorRule(string Name, int MinimumResidents, string ThresholdText, StateDeadline Deadline);

/// <summary>One State's breach-notification law as data, with its source and the date it was last checked.</summary>
public sealed record StateBreachLaw
{
    /// <summary>Two-letter code (TX, CA, DC, PR, ...).</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>The statute, e.g. "Tex. Bus. &amp; Com. Code § 521.053".</summary>
    public required string Citation { get; init; }

    public required Uri SourceUrl { get; init; }

    /// <summary>The date this entry was last checked against its sources.</summary>
    public required DateOnly LastVerified { get; init; }

    /// <summary>How well each fact is verified (official text, secondary sources, unverified).</summary>
    public string? Verification { get; init; }

    /// <summary>The deadline for notifying residents; null when not loaded.</summary>
    public StateDeadline? Individuals { get; init; }

    public IReadOnlyList<StateRegulatorRule> Regulators { get; init; } = [];

    /// <summary>A vendor's (business associate's) duty to notify the data owner under State law; null when not loaded.</summary>
    public StateDeadline? Vendor { get; init; }

    /// <summary>True when the State lets law enforcement delay notice; null when the loaded sources do not say.</summary>
    public bool? LawEnforcementDelay { get; init; }

    /// <summary>Facts shown with the obligations that the calculator does not compute (other regulators, HIPAA interplay).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
