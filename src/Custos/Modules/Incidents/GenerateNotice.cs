using System.Globalization;
using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Validation;

namespace Custos.Modules.Incidents;

public enum NoticeKind
{
    /// <summary>45 CFR 164.404: the letter to each affected individual.</summary>
    Individual,

    /// <summary>45 CFR 164.410: a business associate's notice to the covered entity, with each individual identified.</summary>
    CoveredEntity,

    /// <summary>45 CFR 164.406: the notice to prominent media outlets.</summary>
    Media,

    /// <summary>45 CFR 164.408: the data the Secretary's breach report form asks for.</summary>
    Secretary,
}

/// <summary>A draft notice: a title, headed sections of plain-language paragraphs, and guidance for whoever sends it.</summary>
public sealed record NoticeDraft(NoticeKind Kind, string Title, IReadOnlyList<NoticeSection> Sections, IReadOnlyList<string> Guidance, IReadOnlyList<string> Individuals);

public sealed record NoticeSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// Drafts notices from the case: the individual letter with every element of 45 CFR 164.404(c)(1)(A)-(E) in plain
/// language ((c)(2)); the media notice with the same content (164.406(c)); the covered-entity notice with the
/// identification of each individual (164.410(c)); the Secretary's breach-report data (portal sections 1-4); plus
/// substitute-notice guidance (164.404(d)(2): fewer than 10 versus 10 or more with out-of-date contact information).
/// Drafts that identify individuals need the PHI permission, which the host passes.
/// </summary>
public sealed class GenerateNotice(GetIncident getIncident, IOrganizationDirectory organization)
{
    public async Task<NoticeDraft> HandleAsync(Guid id, NoticeKind kind, bool revealSensitive, CancellationToken cancellationToken)
    {
        var incident = await getIncident.HandleAsync(id, revealSensitive, cancellationToken);
        if (kind == NoticeKind.CoveredEntity && !revealSensitive)
        {
            throw new InvalidRequestException(nameof(kind), "The covered-entity notice identifies each affected individual (164.410(c)(1)): it needs the incidents PHI permission.");
        }

        var profile = await organization.ProfileAsync(cancellationToken)
            ?? throw new InvalidRequestException("Organization", "Record the organization profile first: the notice needs the organization's name and contact details.");
        var customers = await organization.CustomersAsync(cancellationToken);
        var counts = incident.AffectedCounts;
        var total = incident.IndividualsAffected;
        var breachDates = incident.OccurredOn is { } start
            ? incident.OccurredUntil is { } end && end != start ? $"between {Long(start)} and {Long(end)}" : $"on {Long(start)}"
            : "on a date we are still establishing";
        var phiTypes = incident.PhiTypes.Count == 0
            ? "the types of information involved are still being determined"
            : string.Join("; ", incident.PhiTypes.Select(PhiTypes.Name));
        var contact = profile.MainContact;
        var address = profile.Address;
        var contactLine = $"Call {contact.Phone ?? "[toll-free number]"}, email {contact.Email}, or write to {profile.LegalName}, {address.Line1}{(address.Line2 is null ? string.Empty : ", " + address.Line2)}, {address.City}, {address.Region} {address.PostalCode}.";
        var what = $"On {Long(incident.Summary.DiscoveredOn)} we discovered that {Lower(incident.Summary.Summary)}. The incident occurred {breachDates}.";
        var steps = incident.ProtectiveSteps ?? "[Steps individuals should take to protect themselves, for example watching account statements and explanation-of-benefits forms, or placing a fraud alert.]";
        var doing = incident.ActionsTaken ?? "[What we are doing to investigate, to mitigate harm to you, and to protect against further breaches.]";

        var guidance = new List<string>();
        var individuals = incident.Sensitive?.AffectedPeople?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        switch (kind)
        {
            case NoticeKind.Individual:
            case NoticeKind.Media:
                guidance.Add(kind == NoticeKind.Individual
                    ? "Send by first-class mail to the last known address, or by email if the individual agreed to electronic notice (164.404(d)(1)(i)); for a deceased individual, to the next of kin or personal representative if the address is known (164.404(d)(1)(ii))."
                    : "Give to prominent media outlets serving each State or jurisdiction with more than 500 affected residents (164.406(a)).");
                guidance.Add(SubstituteGuidance(incident.OutOfDateContacts));
                guidance.Add("Send without unreasonable delay: the due date on the obligations is an outer limit, not a target (164.404(b)).");
                return new NoticeDraft(kind, kind == NoticeKind.Individual ? $"Notice of a data breach — {profile.LegalName}" : $"{profile.LegalName} announces a data breach",
                [
                    new("What happened", [what]),
                    new("What information was involved", [$"The information involved: {phiTypes}."]),
                    new("What you can do", [steps]),
                    new("What we are doing", [doing]),
                    new("For more information", [contactLine]),
                ], guidance, kind == NoticeKind.Individual ? individuals : []); // one mail-merge row per listed individual
            case NoticeKind.CoveredEntity:
                guidance.Add("Send to the covered entity's breach-notice contact without unreasonable delay and within the BAA window (164.410(b)); give further information promptly as it becomes available (164.410(c)(2)).");
                return new NoticeDraft(kind, $"Notice of breach of unsecured PHI — {profile.LegalName} to {string.Join(", ", customers.Where(c => incident.AffectedCustomerIds.Contains(c.Id)).Select(c => c.Name).DefaultIfEmpty("the covered entity"))}",
                [
                    new("What happened", [what, $"Reference {incident.Summary.Reference}. Individuals affected: {total?.ToString(CultureInfo.InvariantCulture) ?? "being determined"}" + (counts is null ? "." : $" ({string.Join(", ", counts.Counts.Select(c => $"{c.Key}: {c.Value}"))}).")]),
                    new("Information involved", [$"The information involved: {phiTypes}."]),
                    new("Identification of each affected individual (164.410(c)(1))", individuals.Length == 0 ? ["[The list of affected individuals is still being compiled; it will follow promptly.]"] : individuals),
                    new("What we are doing", [doing]),
                    new("Contact", [contactLine]),
                ], guidance, individuals);
            default:
                var determination = incident.Determination;
                return new NoticeDraft(kind, $"Breach report to the Secretary — {incident.Summary.Reference}",
                [
                    new("Report", [$"Breach affecting: {(total >= 500 ? "500 or more individuals (report contemporaneously with the individual notices, 164.408(b))" : "fewer than 500 individuals (report within 60 days after the end of the calendar year of discovery, 164.408(c))")}.", "Report type: initial."]),
                    new("Section 1 — Covered entity", [profile.EntityType is EntityType.CoveredEntity or EntityType.HybridEntity ? $"{profile.LegalName}, {address.Line1}, {address.City}, {address.Region} {address.PostalCode}; contact {contact.Name}, {contact.Email}, {contact.Phone}." : string.Join("; ", customers.Where(c => incident.AffectedCustomerIds.Contains(c.Id)).Select(c => $"{c.Name} ({OrganizationTerms.Name(c.Kind)}), contact {c.BreachNoticeContact.Name}, {c.BreachNoticeContact.Email}").DefaultIfEmpty("[The covered entity]"))]),
                    new("Section 2 — Business associate", [profile.EntityType is EntityType.BusinessAssociate or EntityType.SubcontractorBusinessAssociate ? $"{profile.LegalName}; contact {contact.Name}, {contact.Email}." : "Not applicable, unless the breach occurred at or by a business associate."]),
                    new("Section 3 — Breach",
                    [
                        $"Breach start: {incident.OccurredOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown"}; end: {incident.OccurredUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown"}; discovered: {incident.Summary.DiscoveredOn:yyyy-MM-dd}.",
                        $"Approximate number of individuals affected: {total?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}.",
                        $"Type of breach: {incident.BreachType ?? "[Theft, Loss, Improper Disposal, Unauthorized Access/Disclosure, Hacking/IT Incident, Other/Unknown]"}.",
                        $"Location of breached information: {incident.BreachLocation ?? "[Desktop Computer, Electronic Medical Record, Email, Laptop, Network Server, Other Portable Electronic Device, Paper/Films, Other]"}.",
                        $"Type of PHI involved: {phiTypes}.",
                        $"Description: {incident.Summary.Summary}.",
                        $"Safeguards in place prior to the breach: {incident.SafeguardsInPlace ?? "[to complete]"}.",
                    ]),
                    new("Section 4 — Notice of breach and actions taken",
                    [
                        $"Substitute notice required: {(incident.OutOfDateContacts > 0 ? "yes" : "no")}. Media notice required: {(counts?.Counts.Values.Any(v => v > 500) == true ? "yes" : "no")}.",
                        $"Actions taken in response: {incident.ActionsTaken ?? "[to complete]"}.",
                        determination is null ? "Determination: not yet signed." : $"Determination: {IncidentTerms.Name(determination.Outcome)}, signed by {determination.SignedByName} on {determination.SignedAt:yyyy-MM-dd}.",
                    ]),
                ], ["Submit through the HHS OCR breach portal; a separate report is required for each breach (164.408)."], []);
        }
    }

    /// <summary>45 CFR 164.404(d)(2): what substitute notice the count of out-of-date contacts requires.</summary>
    public static string SubstituteGuidance(int? outOfDate) => outOfDate switch
    {
        null or 0 => "Substitute notice: not needed while every individual's contact information is sufficient (164.404(d)(2)).",
        < IncidentRules.SubstituteNoticeThreshold => $"Substitute notice for the {outOfDate} individual(s) with insufficient or out-of-date contact information: fewer than 10, so an alternative form of written notice, telephone or other means (164.404(d)(2)(i)).",
        _ => $"Substitute notice for the {outOfDate} individuals with insufficient or out-of-date contact information: 10 or more, so a conspicuous posting for 90 days on the home page of the web site or conspicuous notice in major print or broadcast media where they likely live, and a toll-free number active for at least 90 days (164.404(d)(2)(ii)).",
    };

    private static string Long(DateOnly date) => date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..].TrimEnd('.');
}
