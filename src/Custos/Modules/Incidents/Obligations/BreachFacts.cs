namespace Custos.Modules.Incidents.Obligations;

/// <summary>Whose obligations are computed: the organization's HIPAA role in this breach (45 CFR 160.103).</summary>
public enum BreachRole
{
    /// <summary>The organization is a business associate: it notifies each covered entity (45 CFR 164.410).</summary>
    BusinessAssociate,

    /// <summary>The organization is a covered entity: individuals, media, Secretary (45 CFR 164.404-164.408).</summary>
    CoveredEntity,
}

/// <summary>The form of a law-enforcement official's statement under 45 CFR 164.412.</summary>
public enum LawEnforcementStatement
{
    /// <summary>45 CFR 164.412(b): holds no longer than 30 days from the statement unless a written one follows.</summary>
    Oral,

    /// <summary>45 CFR 164.412(a): holds for the period the statement specifies.</summary>
    Written,
}

/// <summary>
/// A law-enforcement delay (45 CFR 164.412). <see cref="From"/> is the date of the statement; <see cref="Until"/> the
/// date the delay ends (notices may go out again that day). An oral statement without <see cref="Until"/> holds the
/// full 30 days. When a written statement followed an oral one within the 30 days, enter it as
/// <see cref="LawEnforcementStatement.Written"/> from the oral statement's date until the written statement's end.
/// </summary>
public sealed record LawEnforcementDelay(LawEnforcementStatement Statement, DateOnly From, DateOnly? Until);

/// <summary>A covered entity affected by a business associate's breach, with its BAA's breach-notice terms.</summary>
/// <param name="Name">The customer's name, or null when the calculator is asked about "the covered entity".</param>
/// <param name="BaaNoticeDays">The BAA's window in calendar days after discovery; null when the BAA sets none.</param>
/// <param name="DelegatesNotices">
/// The BAA delegates this covered entity's notices to individuals, media and the Secretary (and the State notices) to
/// the business associate, which then owes them on the covered entity's behalf (45 CFR 164.404-164.408).
/// </param>
public sealed record AffectedCoveredEntity(string? Name, int? BaaNoticeDays, bool DelegatesNotices = false);

/// <summary>
/// The facts the notification rules need. Dates are calendar dates (the organization's own calendar); counts are
/// residents per State or jurisdiction, keyed by two-letter code (the 50 States, DC, PR, VI, GU, AS, MP).
/// </summary>
public sealed record BreachFacts
{
    public required BreachRole Role { get; init; }

    /// <summary>
    /// 45 CFR 164.404(a)(2) / 164.410(a)(2): the first day the breach was known (or would have been known with
    /// reasonable diligence) to the organization, or, for a covered entity told by its business associate, to the
    /// business associate.
    /// </summary>
    public required DateOnly DiscoveredOn { get; init; }

    /// <summary>Individuals affected per State or jurisdiction (two-letter code). Empty when not yet known.</summary>
    public IReadOnlyDictionary<string, int> AffectedByJurisdiction { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// For a business associate: the covered entities to notify, with their BAA windows and whether each BAA delegates
    /// the covered entity's own notices to the business associate.
    /// </summary>
    public IReadOnlyList<AffectedCoveredEntity> CoveredEntities { get; init; } = [];

    /// <summary>
    /// Whether the business associate acts as the covered entity's agent (federal common law of agency). Yes: the
    /// covered entity's clock starts when the business associate discovered. No: when the covered entity learned.
    /// Null (unknown) is computed as yes, the earlier and therefore safer date, and the reasoning says so.
    /// </summary>
    public bool? BusinessAssociateIsAgent { get; init; }

    /// <summary>For a covered entity told by its business associate: the day the covered entity learned of it.</summary>
    public DateOnly? CoveredEntityLearnedOn { get; init; }

    public LawEnforcementDelay? LawEnforcementDelay { get; init; }
}
