namespace Custos.Modules.Incidents.Contracts;

/// <summary>What kind of incident was reported (45 CFR 164.308(a)(6): security incidents; 164.400-414: breaches of PHI).</summary>
public enum IncidentKind
{
    /// <summary>Attempted or successful unauthorized access, use, disclosure, modification or destruction in a system (164.304).</summary>
    SecurityIncident,

    /// <summary>PHI sent to the wrong person or place (email, fax, mail, export).</summary>
    MisdirectedPhi,

    /// <summary>More PHI disclosed than the minimum necessary (164.502(b)).</summary>
    OverDisclosure,

    /// <summary>A laptop, phone, drive or paper record lost or stolen.</summary>
    LostOrStolenDevice,

    /// <summary>Someone looked at or used PHI they had no reason to.</summary>
    UnauthorizedAccess,

    /// <summary>Any other privacy incident.</summary>
    OtherPrivacy,
}

/// <summary>The case's stage. Allowed moves are in <see cref="IncidentRules.AllowedTransitions"/>.</summary>
public enum IncidentStatus
{
    Reported,
    Triage,
    Investigating,
    Assessed,
    Notifying,
    Closed,
}

public enum IncidentSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

public enum IncidentTaskKind
{
    Containment,
    RootCause,
    Remediation,
    Other,
}

/// <summary>Whether the PHI was secured per HHS guidance (HITECH 13402(h)(2)); secured PHI is not "unsecured PHI" (164.402).</summary>
public enum PhiSecurity
{
    /// <summary>Not rendered unusable, unreadable or indecipherable: the breach presumption applies.</summary>
    Unsecured,

    /// <summary>Encrypted per the HHS guidance and the key or process was not compromised.</summary>
    Encrypted,

    /// <summary>Destroyed per the HHS guidance (media sanitized, paper shredded) before the incident.</summary>
    Destroyed,
}

/// <summary>The rating of one risk-assessment factor: how far it points towards compromise.</summary>
public enum RiskRating
{
    Low,
    Medium,
    High,
}

/// <summary>The determination of 45 CFR 164.402.</summary>
public enum BreachOutcome
{
    /// <summary>A breach of unsecured PHI: notification obligations apply.</summary>
    Breach,

    /// <summary>The risk assessment demonstrates a low probability that the PHI has been compromised (164.402(2)).</summary>
    LowProbabilityOfCompromise,

    /// <summary>One of the three exceptions of 164.402(1) applies.</summary>
    ExceptionApplies,

    /// <summary>The PHI was secured (encrypted or destroyed per HHS guidance): not unsecured PHI, so not a breach.</summary>
    SecuredPhi,
}

/// <summary>How a law-enforcement official asked for the delay (45 CFR 164.412).</summary>
public enum LawEnforcementDelayKind
{
    /// <summary>164.412(a): delay for the period the written statement specifies.</summary>
    Written,

    /// <summary>164.412(b): document it, with the official's identity; at most 30 days unless a written statement follows.</summary>
    Oral,
}

/// <summary>Whether a business associate acts as the covered entity's agent (federal common law of agency; 164.404(a)(2)).</summary>
public enum AgencyStatus
{
    Unknown,
    Agent,
    IndependentContractor,
}

/// <summary>Where a notice stands; serialized as <c>pending</c>, <c>sent</c>, <c>not_required</c>.</summary>
public enum ObligationStatus
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("pending")]
    Pending,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("sent")]
    Sent,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("not_required")]
    NotRequired,
}

/// <summary>Who the Risk module (or anything else) is told about when an incident closes with its review.</summary>
/// <param name="IncidentId">The closed incident.</param>
/// <param name="Summary">The incident's short, PHI-free summary.</param>
/// <param name="RootCause">The root cause the review found.</param>
/// <param name="LessonsLearned">What the review concluded.</param>
/// <param name="ClosedAt">When it closed.</param>
public sealed record IncidentReviewed(Guid IncidentId, string Summary, string RootCause, string LessonsLearned, DateTimeOffset ClosedAt);

/// <summary>
/// The seam for the post-incident review to feed risk management (45 CFR 164.308(a)(1)(ii)(B), 164.308(a)(6)(ii)):
/// every registered implementation is called when an incident closes, in the same request, after the close is saved.
/// The Risk module implements it to raise a reassessment task; none is registered until that module exists.
/// </summary>
public interface IIncidentReviewListener
{
    Task IncidentReviewedAsync(IncidentReviewed review, CancellationToken cancellationToken);
}

public static class IncidentRules
{
    /// <summary>Which status may follow which. Closing also requires the post-incident review (root cause and lessons).</summary>
    public static IReadOnlyDictionary<IncidentStatus, IncidentStatus[]> AllowedTransitions { get; } = new Dictionary<IncidentStatus, IncidentStatus[]>
    {
        [IncidentStatus.Reported] = [IncidentStatus.Triage, IncidentStatus.Closed],
        [IncidentStatus.Triage] = [IncidentStatus.Investigating, IncidentStatus.Closed],
        [IncidentStatus.Investigating] = [IncidentStatus.Assessed, IncidentStatus.Triage],
        [IncidentStatus.Assessed] = [IncidentStatus.Notifying, IncidentStatus.Investigating, IncidentStatus.Closed],
        [IncidentStatus.Notifying] = [IncidentStatus.Closed, IncidentStatus.Investigating],
        [IncidentStatus.Closed] = [IncidentStatus.Investigating],
    };

    public static bool CanMove(IncidentStatus from, IncidentStatus to) => AllowedTransitions[from].Contains(to);

    /// <summary>45 CFR 164.530(j)(2): documentation is kept six years from creation or when last in effect.</summary>
    public const int RetentionYears = 6;

    /// <summary>45 CFR 164.412(b): an oral statement delays notice at most 30 days unless a written one follows.</summary>
    public const int OralDelayMaximumDays = 30;

    /// <summary>45 CFR 164.404(d)(2): fewer than 10 vs 10 or more individuals with out-of-date contact information.</summary>
    public const int SubstituteNoticeThreshold = 10;

    /// <summary>
    /// The States and jurisdictions of 45 CFR 160.103 (the 50 States, DC, Puerto Rico, the Virgin Islands, Guam,
    /// American Samoa and the Northern Mariana Islands), by USPS code.
    /// </summary>
    public static IReadOnlySet<string> Jurisdictions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
        "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
        "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "VI", "GU", "AS", "MP",
    };
}

/// <summary>
/// The 18 identifier types of 45 CFR 164.514(b)(2)(i)(A)-(R), the vocabulary for "PHI types involved" (and for the
/// nature-and-extent factor of 164.402(2)(i)), plus clinical and financial content the Secretary's form asks about.
/// </summary>
public static class PhiTypes
{
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("Name", "Names"),
        ("Address", "Geographic subdivisions smaller than a State (street address, city, ZIP)"),
        ("Date", "Dates (except year) related to an individual, such as birth, admission, discharge, death"),
        ("Phone", "Telephone numbers"),
        ("Fax", "Fax numbers"),
        ("Email", "Email addresses"),
        ("Ssn", "Social Security numbers"),
        ("Mrn", "Medical record numbers"),
        ("HealthPlanId", "Health plan beneficiary numbers"),
        ("AccountNumber", "Account numbers"),
        ("LicenseNumber", "Certificate or license numbers"),
        ("VehicleId", "Vehicle identifiers and serial numbers, including license plates"),
        ("DeviceId", "Device identifiers and serial numbers"),
        ("Url", "Web URLs"),
        ("IpAddress", "IP addresses"),
        ("BiometricId", "Biometric identifiers, including finger and voice prints"),
        ("Photo", "Full-face photographs and comparable images"),
        ("OtherId", "Any other unique identifying number, characteristic or code"),
        ("Clinical", "Clinical information (diagnosis, treatment, medications, test results)"),
        ("Financial", "Financial information (credit card or bank account numbers, claims)"),
    ];

    private static readonly HashSet<string> Codes = All.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string code) => Codes.Contains(code);

    public static string Name(string code) => All.FirstOrDefault(t => t.Code == code).Name ?? code;
}

public static class IncidentTerms
{
    public static string Name(IncidentKind kind) => kind switch
    {
        IncidentKind.SecurityIncident => "Security incident",
        IncidentKind.MisdirectedPhi => "Misdirected PHI (wrong recipient)",
        IncidentKind.OverDisclosure => "Over-disclosure (more than the minimum necessary)",
        IncidentKind.LostOrStolenDevice => "Lost or stolen device or records",
        IncidentKind.UnauthorizedAccess => "Unauthorized access to PHI",
        IncidentKind.OtherPrivacy => "Other privacy incident",
    };

    public static string Name(IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => "Reported",
        IncidentStatus.Triage => "Triage",
        IncidentStatus.Investigating => "Investigating",
        IncidentStatus.Assessed => "Assessed",
        IncidentStatus.Notifying => "Notifying",
        IncidentStatus.Closed => "Closed",
    };

    public static string Name(BreachOutcome outcome) => outcome switch
    {
        BreachOutcome.Breach => "Breach of unsecured PHI",
        BreachOutcome.LowProbabilityOfCompromise => "Not a breach: low probability of compromise",
        BreachOutcome.ExceptionApplies => "Not a breach: an exception of 164.402(1) applies",
        BreachOutcome.SecuredPhi => "Not a breach: the PHI was secured",
    };

    public static string Name(ObligationStatus status) => status switch
    {
        ObligationStatus.Pending => "Pending",
        ObligationStatus.Sent => "Sent",
        ObligationStatus.NotRequired => "Not required",
    };
}
