namespace Custos.Phi.SafeHarbor;

/// <summary>
/// The Safe Harbor identifier categories of 45 CFR 164.514(b)(2)(i). Health information is de-identified under Safe
/// Harbor when every one of these identifiers is removed, for the individual and also for the individual's relatives,
/// employers and household members (164.514(b)(2)(i)), and the organization has no actual knowledge that what remains
/// could identify the individual, alone or combined with other information (164.514(b)(2)(ii)).
/// </summary>
/// <remarks>
/// The names and descriptions summarize the rule in plain language; they are not its text. Detection, removal and
/// pseudonymization build on these categories.
/// </remarks>
public static class SafeHarborCatalog
{
    /// <summary>The citation of the list of identifiers; each category's own citation appends its letter.</summary>
    public const string Citation = "45 CFR 164.514(b)(2)(i)";

    private static readonly SafeHarborCategory[] All =
    [
        new(
            SafeHarborIdentifier.Names,
            "Names",
            "A person's name."),
        new(
            SafeHarborIdentifier.GeographicSubdivisions,
            "Geographic subdivisions smaller than a State",
            "Any place smaller than a State: street address, city, county, precinct, ZIP code and the matching geocodes. " +
            "The first three digits of a ZIP code may stay only when the area they cover holds more than 20,000 people by " +
            "current Census data; otherwise they become 000."),
        new(
            SafeHarborIdentifier.Dates,
            "Dates and ages over 89",
            "Every part of a date except the year for dates tied to the person, such as birth, admission, discharge and " +
            "death; every age over 89, and any date part (the year included) that reveals such an age, unless grouped " +
            "into a single category of 90 or older."),
        new(
            SafeHarborIdentifier.TelephoneNumbers,
            "Telephone numbers",
            "Telephone numbers."),
        new(
            SafeHarborIdentifier.FaxNumbers,
            "Fax numbers",
            "Fax numbers."),
        new(
            SafeHarborIdentifier.EmailAddresses,
            "Email addresses",
            "Electronic mail addresses."),
        new(
            SafeHarborIdentifier.SocialSecurityNumbers,
            "Social Security numbers",
            "Social Security numbers."),
        new(
            SafeHarborIdentifier.MedicalRecordNumbers,
            "Medical record numbers",
            "Numbers that identify a person's medical record."),
        new(
            SafeHarborIdentifier.HealthPlanBeneficiaryNumbers,
            "Health plan beneficiary numbers",
            "Numbers that identify a person as a member or beneficiary of a health plan."),
        new(
            SafeHarborIdentifier.AccountNumbers,
            "Account numbers",
            "Account numbers of any kind."),
        new(
            SafeHarborIdentifier.CertificateOrLicenseNumbers,
            "Certificate and license numbers",
            "Numbers of certificates and licenses."),
        new(
            SafeHarborIdentifier.VehicleIdentifiers,
            "Vehicle identifiers",
            "Identifiers and serial numbers of vehicles, license plate numbers included."),
        new(
            SafeHarborIdentifier.DeviceIdentifiers,
            "Device identifiers",
            "Identifiers and serial numbers of devices."),
        new(
            SafeHarborIdentifier.WebUrls,
            "Web URLs",
            "Web addresses (Universal Resource Locators)."),
        new(
            SafeHarborIdentifier.IpAddresses,
            "IP addresses",
            "Internet Protocol address numbers."),
        new(
            SafeHarborIdentifier.BiometricIdentifiers,
            "Biometric identifiers",
            "Biometric identifiers, such as fingerprints and voiceprints."),
        new(
            SafeHarborIdentifier.FullFacePhotographs,
            "Full-face photographs",
            "Photographs showing the full face, and any comparable images."),
        new(
            SafeHarborIdentifier.OtherUniqueIdentifiers,
            "Other unique identifiers",
            "Any other number, characteristic or code unique to the person, except a re-identification code assigned and " +
            "kept as 45 CFR 164.514(c) allows."),
    ];

    /// <summary>All eighteen categories, in the rule's order (A to R).</summary>
    public static IReadOnlyList<SafeHarborCategory> Categories { get; } = Array.AsReadOnly(All);

    /// <summary>The category for <paramref name="identifier"/>.</summary>
    /// <param name="identifier">A defined <see cref="SafeHarborIdentifier"/> value.</param>
    /// <returns>The category, with its letter, name, description and citation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="identifier"/> is not one of the eighteen categories.</exception>
    public static SafeHarborCategory Get(SafeHarborIdentifier identifier) =>
        identifier is >= SafeHarborIdentifier.Names and <= SafeHarborIdentifier.OtherUniqueIdentifiers
            ? All[(int)identifier - 1]
            : throw new ArgumentOutOfRangeException(nameof(identifier), identifier, "Not a Safe Harbor identifier category.");
}
