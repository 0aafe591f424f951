using System.Text.Json.Serialization;

namespace Custos.Modules.Incidents.Obligations;

/// <summary>Who must be notified. Serialized in snake case (<c>covered_entity</c>, <c>state_regulator</c>, ...).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationRecipient>))]
public enum NotificationRecipient
{
    /// <summary>45 CFR 164.410: the business associate notifies each affected covered entity.</summary>
    [JsonStringEnumMemberName("covered_entity")]
    CoveredEntity,

    /// <summary>45 CFR 164.404: each affected individual.</summary>
    [JsonStringEnumMemberName("individuals")]
    Individuals,

    /// <summary>45 CFR 164.408: the Secretary of HHS (OCR breach portal).</summary>
    [JsonStringEnumMemberName("secretary")]
    Secretary,

    /// <summary>45 CFR 164.406: prominent media outlets serving the State or jurisdiction.</summary>
    [JsonStringEnumMemberName("media")]
    Media,

    /// <summary>A State's regulator (attorney general or other office) under State law.</summary>
    [JsonStringEnumMemberName("state_regulator")]
    StateRegulator,

    /// <summary>Residents of a State, under that State's own breach law.</summary>
    [JsonStringEnumMemberName("state_individuals")]
    StateIndividuals,
}

/// <summary>
/// One notice the law requires, with the date it is due at the latest and why. Whether it was sent (and the proof)
/// belongs to the incident case, not to the rules.
/// </summary>
public sealed record NotificationObligation
{
    public required NotificationRecipient Recipient { get; init; }

    /// <summary>Two-letter State or jurisdiction code where the obligation is per State; otherwise null.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>The last day the notice may be given (calendar days, no weekend or holiday shifting).</summary>
    public required DateOnly DueDate { get; init; }

    /// <summary>The citation the obligation rests on, e.g. "45 CFR 164.410(b)" or a State statute.</summary>
    public required string Basis { get; init; }

    /// <summary>Plain words, with the numbers: which clock, from which date, how many days, which threshold.</summary>
    public required string Reasoning { get; init; }

    /// <summary>
    /// The covered entity concerned, if known: for a business associate's notice to a covered entity, the recipient;
    /// for a notice the BAA delegates to the business associate, the covered entity on whose behalf it is given.
    /// </summary>
    public string? CoveredEntity { get; init; }

    /// <summary>The date the clock runs from (discovery, or when the covered entity learned).</summary>
    public DateOnly? ClockStartsOn { get; init; }

    /// <summary>
    /// True when the law also requires notice "without unreasonable delay": <see cref="DueDate"/> is an outer limit,
    /// and waiting until it may itself be unreasonable (HHS, 2013 commentary).
    /// </summary>
    public bool WithoutUnreasonableDelay { get; init; }

    /// <summary>True when the notice is due together with the notice to individuals (e.g. 45 CFR 164.408(b)).</summary>
    public bool AtSameTimeAsIndividuals { get; init; }

    /// <summary>The due date before a law-enforcement delay moved it; null when no delay applies.</summary>
    public DateOnly? DueDateBeforeDelay { get; init; }

    /// <summary>False for the entry that says no State rule is loaded for <see cref="Jurisdiction"/>.</summary>
    public bool StateRuleLoaded { get; init; } = true;

    /// <summary>Individuals the obligation concerns (in the jurisdiction, or in total), where counts are known.</summary>
    public int? AffectedIndividuals { get; init; }
}

public static class NotificationRecipients
{
    /// <summary>The wire name: <c>covered_entity</c>, <c>individuals</c>, <c>secretary</c>, <c>media</c>, <c>state_regulator</c>, <c>state_individuals</c>.</summary>
    public static string ToWireName(this NotificationRecipient recipient) => recipient switch
    {
        NotificationRecipient.CoveredEntity => "covered_entity",
        NotificationRecipient.Individuals => "individuals",
        NotificationRecipient.Secretary => "secretary",
        NotificationRecipient.Media => "media",
        NotificationRecipient.StateRegulator => "state_regulator",
        NotificationRecipient.StateIndividuals => "state_individuals",
        _ => throw new ArgumentOutOfRangeException(nameof(recipient), recipient, "Unknown recipient."),
    };
}
