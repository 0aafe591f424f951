using System.Globalization;
using Custos.Platform.Validation;

namespace Custos.Modules.Incidents.Obligations;

/// <summary>
/// The one rule set for HIPAA breach-notification deadlines (45 CFR 164.400-414) with State overlays, shared by the
/// incident case, the API and the CLI. Pure: the same facts give the same obligations. Calendar days throughout, with
/// no weekend or holiday shifting (Subpart D has none). How a law-enforcement delay moves a deadline is ADR 0012.
/// </summary>
public sealed class BreachNotificationRules(StateBreachLaws stateLaws)
{
    /// <summary>45 CFR 164.404(b), 164.406(b), 164.408(b), 164.410(b): "in no case later than 60 calendar days".</summary>
    public const int OuterLimitDays = 60;

    /// <summary>45 CFR 164.406(a): media notice for "more than 500 residents of a State or jurisdiction".</summary>
    public const int MediaThresholdExclusive = 500;

    /// <summary>45 CFR 164.408(b)/(c): "500 or more individuals" versus "less than 500".</summary>
    public const int SecretaryImmediateThreshold = 500;

    /// <summary>45 CFR 164.408(c): "not later than 60 days after the end of each calendar year".</summary>
    public const int AnnualSubmissionDays = 60;

    /// <summary>45 CFR 164.412(b): an oral statement holds "no longer than 30 days from the date of the oral statement".</summary>
    public const int OralDelayMaximumDays = 30;

    /// <summary>The rules with the State overlays shipped with Custos.</summary>
    public static BreachNotificationRules Default { get; } = new(StateBreachLaws.Embedded);

    public StateBreachLaws StateLaws { get; } = stateLaws ?? throw new ArgumentNullException(nameof(stateLaws));

    /// <summary>Validates the facts against <paramref name="today"/> and returns the obligations, earliest first.</summary>
    /// <exception cref="InvalidRequestException">A fact is invalid; the messages say which and what to enter.</exception>
    public IReadOnlyList<NotificationObligation> Calculate(BreachFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var result = new BreachFactsValidator(today).Validate(facts);
        if (!result.IsValid)
        {
            throw InvalidRequestException.From(result);
        }

        return Compute(facts);
    }

    /// <summary>As <see cref="Calculate(BreachFacts, DateOnly)"/>, with today's date in the host's local time zone.</summary>
    public IReadOnlyList<NotificationObligation> Calculate(BreachFacts facts, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Calculate(facts, DateOnly.FromDateTime(time.GetLocalNow().DateTime));
    }

    /// <summary>The obligations for facts already validated with <see cref="BreachFactsValidator"/>, earliest first.</summary>
    public IReadOnlyList<NotificationObligation> Compute(BreachFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var delay = EffectiveDelay.Of(facts.LawEnforcementDelay);
        var counts = Counts(facts);
        var obligations = new List<NotificationObligation>();
        if (facts.Role == BreachRole.BusinessAssociate)
        {
            AddBusinessAssociateNotices(facts, counts, delay, obligations);

            // Issue 6 item 4, "when a BAA delegates notices": the covered entity's own notices (45 CFR 164.404,
            // 164.406, 164.408 and the State notices) become the business associate's, computed once per covered
            // entity whose BAA delegates them and marked with that covered entity.
            var delegating = facts.CoveredEntities.Where(e => e.DelegatesNotices).ToList();
            foreach (var entity in delegating)
            {
                var onBehalf = new List<NotificationObligation>();
                AddCoveredEntityNotices(facts, counts, delay, onBehalf, DelegationPrefix(entity, facts.CoveredEntities.Count));
                obligations.AddRange(onBehalf.Select(o => o with { CoveredEntity = entity.Name }));
            }
        }
        else
        {
            AddCoveredEntityNotices(facts, counts, delay, obligations, prefix: string.Empty);
        }

        return obligations
            .OrderBy(o => o.DueDate)
            .ThenBy(o => o.Recipient)
            .ThenBy(o => o.Jurisdiction, StringComparer.Ordinal)
            .ThenBy(o => o.CoveredEntity, StringComparer.Ordinal)
            .ToList();
    }

    // 45 CFR 164.410: the business associate's notice to each covered entity.
    private void AddBusinessAssociateNotices(BreachFacts facts, SortedDictionary<string, int> counts, EffectiveDelay? delay, List<NotificationObligation> obligations)
    {
        var discovered = facts.DiscoveredOn;
        var entities = facts.CoveredEntities.Count > 0 ? facts.CoveredEntities : [new AffectedCoveredEntity(null, null)];
        var stateDuties = new List<string>();
        foreach (var code in counts.Keys)
        {
            var law = StateLaws.Find(code);
            if (law?.Vendor is { Days: null } vendor)
            {
                stateDuties.Add($" {law.Name} ({law.Citation}) also requires a vendor holding the data to {vendor.Text}.");
            }
        }

        foreach (var entity in entities)
        {
            // 45 CFR 164.410(b): without unreasonable delay and in no case later than 60 calendar days after
            // discovery; a shorter BAA window binds, so the deadline is the earlier of the two.
            var window = Math.Min(entity.BaaNoticeDays ?? OuterLimitDays, OuterLimitDays);
            var undelayed = discovered.AddDays(window);
            var (due, delayText) = Apply(delay, discovered, undelayed);
            var whom = entity.Name ?? "the covered entity";
            var windowText = entity.BaaNoticeDays is { } days && days < OuterLimitDays
                ? $"The BAA allows {days} days, earlier than the 60 calendar days of 45 CFR 164.410(b), so it binds"
                : entity.BaaNoticeDays is null
                    ? "No BAA window is recorded, so the 60 calendar days of 45 CFR 164.410(b) apply"
                    : "The BAA allows 60 days, the same as 45 CFR 164.410(b)";
            obligations.Add(new NotificationObligation
            {
                Recipient = NotificationRecipient.CoveredEntity,
                CoveredEntity = entity.Name,
                DueDate = due,
                Basis = entity.BaaNoticeDays is { } d && d < OuterLimitDays ? "45 CFR 164.410(b); BAA notice window" : "45 CFR 164.410(b)",
                ClockStartsOn = discovered,
                WithoutUnreasonableDelay = true,
                DueDateBeforeDelay = due == undelayed ? null : undelayed,
                AffectedIndividuals = counts.Count > 0 ? counts.Values.Sum() : null,
                Reasoning =
                    $"Notify {whom} without unreasonable delay. {windowText}: discovered {Iso(discovered)} + {window} days = {Iso(undelayed)}." +
                    (delayText ?? string.Empty) +
                    " Include the identification of each affected individual (45 CFR 164.410(c)(1)). Calendar days; no weekend or holiday shifting." +
                    string.Concat(stateDuties),
            });
        }

        // State vendor duties with a number of days (e.g. Florida's 10 days), and States with no rule loaded.
        foreach (var (code, count) in counts)
        {
            var law = StateLaws.Find(code);
            if (law is null)
            {
                obligations.Add(NoStateRule(code, count, NotificationRecipient.CoveredEntity, discovered.AddDays(Math.Min(entities.Min(e => e.BaaNoticeDays ?? OuterLimitDays), OuterLimitDays)), "the 45 CFR 164.410 notice to the covered entity"));
            }
            else if (law.Vendor is { Days: { } days } vendor)
            {
                var undelayed = discovered.AddDays(days);
                var (due, delayText) = ApplyState(law, delay, discovered, undelayed);
                obligations.Add(new NotificationObligation
                {
                    Recipient = NotificationRecipient.CoveredEntity,
                    Jurisdiction = law.Code,
                    DueDate = due,
                    Basis = law.Citation,
                    ClockStartsOn = discovered,
                    WithoutUnreasonableDelay = true,
                    DueDateBeforeDelay = due == undelayed ? null : undelayed,
                    AffectedIndividuals = count,
                    Reasoning =
                        $"{law.Name} requires a business associate (vendor) holding the data to {vendor.Text}: {Iso(discovered)} + {days} days = {Iso(undelayed)}{AnchorNote(vendor.Anchor)}." +
                        (delayText ?? string.Empty) + $" Applies to each covered entity whose {law.Name} residents are affected ({count})." + Verified(law),
                });
            }
        }
    }

    // 45 CFR 164.404, 164.406, 164.408 and the State overlays: the covered entity's notices (or the business
    // associate's, when the BAA delegates them).
    private void AddCoveredEntityNotices(BreachFacts facts, SortedDictionary<string, int> counts, EffectiveDelay? delay, List<NotificationObligation> obligations, string prefix)
    {
        var (start, startText) = CoveredEntityClock(facts);
        int? total = counts.Count > 0 ? counts.Values.Sum() : null;

        // 45 CFR 164.404(b): without unreasonable delay and in no case later than 60 calendar days after discovery.
        var individualsUndelayed = start.AddDays(OuterLimitDays);
        var (individualsDue, individualsDelay) = Apply(delay, start, individualsUndelayed);
        obligations.Add(new NotificationObligation
        {
            Recipient = NotificationRecipient.Individuals,
            DueDate = individualsDue,
            Basis = "45 CFR 164.404(b)",
            ClockStartsOn = start,
            WithoutUnreasonableDelay = true,
            DueDateBeforeDelay = individualsDue == individualsUndelayed ? null : individualsUndelayed,
            AffectedIndividuals = total,
            Reasoning =
                $"{prefix}{startText} Notify each individual without unreasonable delay and no later than 60 calendar days after discovery: " +
                $"{Iso(start)} + 60 days = {Iso(individualsUndelayed)}." + (individualsDelay ?? string.Empty) +
                " The 60 days are an outer limit; no weekend or holiday shifting. Content per 45 CFR 164.404(c)." +
                (total is null ? " Counts per State are not given yet: media notice (45 CFR 164.406) is also due for any State with more than 500 residents affected." : string.Empty),
        });

        // 45 CFR 164.406(a): more than 500 residents of a State or jurisdiction; same timeliness as individuals (b).
        foreach (var (code, count) in counts.Where(c => c.Value > MediaThresholdExclusive))
        {
            obligations.Add(new NotificationObligation
            {
                Recipient = NotificationRecipient.Media,
                Jurisdiction = code,
                DueDate = individualsDue,
                Basis = "45 CFR 164.406",
                ClockStartsOn = start,
                WithoutUnreasonableDelay = true,
                DueDateBeforeDelay = individualsDue == individualsUndelayed ? null : individualsUndelayed,
                AffectedIndividuals = count,
                Reasoning =
                    $"{prefix}{count} residents of {code} are affected, more than 500 (45 CFR 164.406(a)): notify prominent media outlets serving {code} " +
                    $"within the same 60 calendar days as individuals: {Iso(start)} + 60 days = {Iso(individualsUndelayed)}." + (individualsDelay ?? string.Empty),
            });
        }

        obligations.Add(Secretary(start, total, individualsDue, individualsUndelayed, individualsDelay, delay, prefix));

        foreach (var (code, count) in counts.Where(c => c.Value > 0))
        {
            var law = StateLaws.Find(code);
            if (law is null)
            {
                var none = NoStateRule(code, count, NotificationRecipient.StateIndividuals, individualsDue, "the 45 CFR 164.404 notice to individuals");
                obligations.Add(none with { Reasoning = prefix + none.Reasoning });
            }
            else
            {
                AddStateNotices(law, count, start, individualsDue, delay, prefix, obligations);
            }
        }
    }

    // The reasoning of a delegated notice says whose BAA delegated it. The counts are the incident's: when several
    // covered entities are affected, Custos does not know which individuals are whose, so the thresholds are applied
    // to all of them, which can only add notices or bring dates forward, never drop one.
    private static string DelegationPrefix(AffectedCoveredEntity entity, int affectedCoveredEntities)
    {
        var name = entity.Name ?? "the covered entity";
        var counts = affectedCoveredEntities > 1
            ? $"The counts are the incident's totals across its {affectedCoveredEntities} affected covered entities; Custos does not record which individuals are {name}'s, so the thresholds are applied to those totals. "
            : string.Empty;
        return $"The BAA with {name} delegates this notice to the business associate, which gives it on {name}'s behalf. " + counts;
    }

    private static NotificationObligation Secretary(DateOnly start, int? total, DateOnly individualsDue, DateOnly individualsUndelayed, string? individualsDelay, EffectiveDelay? delay, string prefix)
    {
        if (total is null or >= SecretaryImmediateThreshold)
        {
            // 45 CFR 164.408(b): 500 or more individuals (in total, all States): contemporaneously with individuals.
            var annual = AnnualDeadline(start);
            return new NotificationObligation
            {
                Recipient = NotificationRecipient.Secretary,
                DueDate = individualsDue,
                Basis = "45 CFR 164.408(b)",
                ClockStartsOn = start,
                WithoutUnreasonableDelay = true,
                AtSameTimeAsIndividuals = true,
                DueDateBeforeDelay = individualsDue == individualsUndelayed ? null : individualsUndelayed,
                AffectedIndividuals = total,
                Reasoning = prefix + (total is null
                    ? $"The number of individuals is not given, so the rule for 500 or more is shown: notify the Secretary at the same time as individuals, by {Iso(individualsDue)}. If fewer than 500 are affected, 45 CFR 164.408(c) allows the annual submission by {Iso(annual)} instead."
                    : $"{total} individuals are affected in total, 500 or more (45 CFR 164.408(b)): notify the Secretary at the same time as individuals, by {Iso(individualsDue)}.") +
                    (individualsDelay ?? string.Empty),
            };
        }

        // 45 CFR 164.408(c): fewer than 500: log it and submit within 60 days after the end of the calendar year of
        // discovery (Dec 31 + 60 = March 1, or February 29 in a leap year).
        var undelayed = AnnualDeadline(start);
        var due = undelayed;
        string? delayText = null;
        if (delay is not null && delay.End > undelayed && delay.From <= undelayed)
        {
            // ADR 0012: the annual date is not a clock counted from discovery; a delay moves it only while it lasts.
            due = delay.End;
            delayText = $" {delay.Description} It is still in effect on {Iso(undelayed)}, so the submission is due when it ends, {Iso(due)} (ADR 0012).";
        }

        return new NotificationObligation
        {
            Recipient = NotificationRecipient.Secretary,
            DueDate = due,
            Basis = "45 CFR 164.408(c)",
            ClockStartsOn = start,
            DueDateBeforeDelay = due == undelayed ? null : undelayed,
            AffectedIndividuals = total,
            Reasoning =
                $"{prefix}{total} individuals are affected in total, fewer than 500 (45 CFR 164.408(c)): record the breach in the log and submit it to the Secretary " +
                $"within 60 days after the end of {start.Year}, the calendar year of discovery: {Iso(new DateOnly(start.Year, 12, 31))} + 60 days = {Iso(undelayed)}." +
                (delayText ?? string.Empty) + " It may be submitted earlier; each breach is a separate submission.",
        };
    }

    private static void AddStateNotices(StateBreachLaw law, int count, DateOnly start, DateOnly hipaaIndividualsDue, EffectiveDelay? delay, string prefix, List<NotificationObligation> obligations)
    {
        var notes = law.Notes.Count > 0 ? " Also: " + string.Join(" ", law.Notes) : string.Empty;
        var stateIndividualsDue = hipaaIndividualsDue;
        var stateIndividualsUndelayed = hipaaIndividualsDue;
        if (law.Individuals is { } individuals)
        {
            var undelayed = individuals.Days is { } days ? start.AddDays(days) : start;
            var (due, delayText) = ApplyState(law, delay, start, undelayed);
            stateIndividualsDue = due;
            stateIndividualsUndelayed = undelayed;
            obligations.Add(new NotificationObligation
            {
                Recipient = NotificationRecipient.StateIndividuals,
                Jurisdiction = law.Code,
                DueDate = due,
                Basis = law.Citation,
                ClockStartsOn = start,
                WithoutUnreasonableDelay = true,
                DueDateBeforeDelay = due == undelayed ? null : undelayed,
                AffectedIndividuals = count,
                Reasoning =
                    $"{prefix}{count} {law.Name} residents are affected. {law.Name} requires notice {individuals.Text}: " +
                    (individuals.Days is { } d ? $"{Iso(start)} + {d} days = {Iso(undelayed)}{AnchorNote(individuals.Anchor)}." : "no number of days is given.") +
                    (delayText ?? string.Empty) + notes + Verified(law),
            });
        }

        foreach (var regulator in law.Regulators)
        {
            if (count < regulator.MinimumResidents)
            {
                continue;
            }

            var deadline = regulator.Deadline;
            DateOnly due;
            DateOnly? undelayedDue = null;
            string arithmetic;
            var sameTime = false;
            if (deadline.Anchor == StateClockAnchor.IndividualNotice)
            {
                var days = deadline.Days ?? 0;
                due = stateIndividualsDue.AddDays(days);
                undelayedDue = due == stateIndividualsUndelayed.AddDays(days) ? null : stateIndividualsUndelayed.AddDays(days);
                sameTime = days == 0;
                arithmetic = days == 0
                    ? $"due with the notice to residents, at the latest {Iso(due)}"
                    : $"counted from the day residents are notified; if that is the last allowed day, {Iso(stateIndividualsDue)} + {days} days = {Iso(due)}";
            }
            else
            {
                var undelayed = start.AddDays(deadline.Days ?? 0);
                var (delayed, delayText) = ApplyState(law, delay, start, undelayed);
                due = delayed;
                undelayedDue = delayed == undelayed ? null : undelayed;
                arithmetic = (deadline.Days is { } d ? $"{Iso(start)} + {d} days = {Iso(undelayed)}{AnchorNote(deadline.Anchor)}" : $"no number of days is given; shown as {Iso(undelayed)}") + "." + (delayText ?? string.Empty);
            }

            obligations.Add(new NotificationObligation
            {
                Recipient = NotificationRecipient.StateRegulator,
                Jurisdiction = law.Code,
                DueDate = due,
                Basis = law.Citation,
                ClockStartsOn = start,
                AtSameTimeAsIndividuals = sameTime,
                DueDateBeforeDelay = undelayedDue,
                AffectedIndividuals = count,
                Reasoning =
                    $"{prefix}{count} {law.Name} residents are affected; the threshold is {regulator.ThresholdText}. Notify the {regulator.Name} {deadline.Text}: {arithmetic.TrimEnd('.')}." + Verified(law),
            });
        }
    }

    // 45 CFR 164.404(a)(2): discovery by any workforce member or agent of the covered entity. A business associate
    // acting as the covered entity's agent (federal common law of agency) starts the covered entity's clock; an
    // independent business associate's breach is discovered by the covered entity when it learns of it.
    private static (DateOnly Start, string Text) CoveredEntityClock(BreachFacts facts)
    {
        var involvesBusinessAssociate = facts.Role == BreachRole.BusinessAssociate || facts.CoveredEntityLearnedOn is not null;
        if (!involvesBusinessAssociate)
        {
            return (facts.DiscoveredOn, $"Discovered {Iso(facts.DiscoveredOn)} (45 CFR 164.404(a)(2)).");
        }

        switch (facts.BusinessAssociateIsAgent)
        {
            case true:
                return (facts.DiscoveredOn, $"The business associate is the covered entity's agent, so its discovery on {Iso(facts.DiscoveredOn)} starts the covered entity's clock (45 CFR 164.404(a)(2)).");
            case null:
                return (facts.DiscoveredOn, $"Whether the business associate is the covered entity's agent is not known, so the earlier date is used: its discovery on {Iso(facts.DiscoveredOn)} (45 CFR 164.404(a)(2)).");
            default:
                if (facts.CoveredEntityLearnedOn is { } learned)
                {
                    return (learned, $"The business associate is independent (not the covered entity's agent), so the covered entity's clock starts when it learned of the breach, {Iso(learned)}, not at the business associate's discovery on {Iso(facts.DiscoveredOn)} (45 CFR 164.404(a)(2)).");
                }

                return (facts.DiscoveredOn, $"The business associate is independent, but the date the covered entity learned of the breach is not given, so the business associate's discovery on {Iso(facts.DiscoveredOn)} is used, the earliest possible start.");
        }
    }

    private static NotificationObligation NoStateRule(string code, int count, NotificationRecipient recipient, DateOnly federalDue, string federalNotice) => new()
    {
        Recipient = recipient,
        Jurisdiction = code,
        DueDate = federalDue,
        Basis = "No State rule loaded",
        StateRuleLoaded = false,
        AffectedIndividuals = count,
        Reasoning =
            $"{count} residents of {code} are affected, and no State breach-notification rule is loaded for {code}: check the state's law, which may require an earlier notice or a regulator notice. " +
            $"The date shown is {federalNotice} ({Iso(federalDue)}), not a State deadline. Add the State to the file named by {StateBreachLaws.FileSettingKey} to have it computed.",
    };

    /// <summary>45 CFR 164.408(c): December 31 of the year of discovery + 60 days (March 1, or February 29 in a leap year).</summary>
    internal static DateOnly AnnualDeadline(DateOnly discovered) => new DateOnly(discovered.Year, 12, 31).AddDays(AnnualSubmissionDays);

    /// <summary>
    /// ADR 0012: a law-enforcement delay stops the clock for the days it lasts while the clock runs, so the deadline
    /// becomes the original deadline + those days (equivalently: the delay's end + the days that were left when it
    /// began). A delay that begins after the deadline does not move it.
    /// </summary>
    private static (DateOnly Due, string? Text) Apply(EffectiveDelay? delay, DateOnly clockStart, DateOnly undelayed)
    {
        if (delay is null)
        {
            return (undelayed, null);
        }

        if (delay.From > undelayed)
        {
            return (undelayed, $" {delay.Description} It began after this deadline, so it does not move it.");
        }

        var suspendedFrom = delay.From > clockStart ? delay.From : clockStart;
        var suspended = Math.Max(0, delay.End.DayNumber - suspendedFrom.DayNumber);
        if (suspended == 0)
        {
            return (undelayed, $" {delay.Description} It ended before this clock started, so it does not move it.");
        }

        var due = undelayed.AddDays(suspended);
        return (due, $" {delay.Description} The clock stops for those {suspended} days (45 CFR 164.412; ADR 0012): {Iso(undelayed)} + {suspended} days = {Iso(due)}.");
    }

    private static (DateOnly Due, string? Text) ApplyState(StateBreachLaw law, EffectiveDelay? delay, DateOnly clockStart, DateOnly undelayed)
    {
        if (delay is null)
        {
            return (undelayed, null);
        }

        if (law.LawEnforcementDelay == true)
        {
            var (due, text) = Apply(delay, clockStart, undelayed);
            return (due, text is null ? null : text + $" {law.Name} allows a law-enforcement delay; the same convention is applied.");
        }

        return (undelayed, $" The law-enforcement delay is not applied to this {law.Name} deadline: the loaded rule does not say {law.Name} allows one. Check the state's law.");
    }

    private static string AnchorNote(StateClockAnchor anchor) => anchor == StateClockAnchor.Determination
        ? " (the statute counts from the determination that a breach occurred; Custos counts from discovery, which is never later)"
        : string.Empty;

    private static string Verified(StateBreachLaw law) =>
        $" Source: {law.SourceUrl} (last verified {Iso(law.LastVerified)}).";

    private static SortedDictionary<string, int> Counts(BreachFacts facts)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, count) in facts.AffectedByJurisdiction)
        {
            var key = code.Trim().ToUpperInvariant();
            counts[key] = counts.GetValueOrDefault(key) + count;
        }

        return counts;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The period a law-enforcement statement actually holds (45 CFR 164.412).</summary>
    private sealed record EffectiveDelay(DateOnly From, DateOnly End, string Description)
    {
        public static EffectiveDelay? Of(LawEnforcementDelay? delay)
        {
            if (delay is null)
            {
                return null;
            }

            if (delay.Statement == LawEnforcementStatement.Written)
            {
                // 45 CFR 164.412(a): for the period the written statement specifies.
                var end = delay.Until ?? delay.From;
                return new EffectiveDelay(delay.From, end, $"A written law-enforcement statement of {Iso(delay.From)} delays notice until {Iso(end)} (45 CFR 164.412(a)).");
            }

            // 45 CFR 164.412(b): an oral statement holds no longer than 30 days from the date of the statement,
            // unless a written statement is submitted during that time.
            var cap = delay.From.AddDays(OralDelayMaximumDays);
            if (delay.Until is { } until && until <= cap)
            {
                return new EffectiveDelay(delay.From, until, $"An oral law-enforcement statement of {Iso(delay.From)} delays notice until {Iso(until)} (45 CFR 164.412(b)).");
            }

            var asked = delay.Until is { } longer ? $" The requested end, {Iso(longer)}, is beyond that and no written statement was entered." : string.Empty;
            return new EffectiveDelay(delay.From, cap, $"An oral law-enforcement statement of {Iso(delay.From)} holds at most 30 days, until {Iso(cap)} (45 CFR 164.412(b)).{asked}");
        }
    }
}
