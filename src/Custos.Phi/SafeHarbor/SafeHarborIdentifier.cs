namespace Custos.Phi.SafeHarbor;

/// <summary>
/// The eighteen kinds of identifier that the Safe Harbor method of de-identification removes, in the order and with
/// the lettering of 45 CFR 164.514(b)(2)(i)(A)–(R). Each value's number is its place in that list (A = 1, R = 18), so
/// the default value 0 is not a category. <see cref="SafeHarborCatalog"/> describes each one.
/// </summary>
public enum SafeHarborIdentifier
{
    /// <summary>(A) Names.</summary>
    Names = 1,

    /// <summary>(B) Geographic subdivisions smaller than a State, such as street address, city, county and ZIP code.</summary>
    GeographicSubdivisions = 2,

    /// <summary>(C) Date elements other than the year for dates about the person, and ages over 89.</summary>
    Dates = 3,

    /// <summary>(D) Telephone numbers.</summary>
    TelephoneNumbers = 4,

    /// <summary>(E) Fax numbers.</summary>
    FaxNumbers = 5,

    /// <summary>(F) Email addresses.</summary>
    EmailAddresses = 6,

    /// <summary>(G) Social Security numbers.</summary>
    SocialSecurityNumbers = 7,

    /// <summary>(H) Medical record numbers.</summary>
    MedicalRecordNumbers = 8,

    /// <summary>(I) Health plan beneficiary numbers.</summary>
    HealthPlanBeneficiaryNumbers = 9,

    /// <summary>(J) Account numbers.</summary>
    AccountNumbers = 10,

    /// <summary>(K) Certificate and license numbers.</summary>
    CertificateOrLicenseNumbers = 11,

    /// <summary>(L) Vehicle identifiers and serial numbers, including license plates.</summary>
    VehicleIdentifiers = 12,

    /// <summary>(M) Device identifiers and serial numbers.</summary>
    DeviceIdentifiers = 13,

    /// <summary>(N) Web addresses (URLs).</summary>
    WebUrls = 14,

    /// <summary>(O) Internet Protocol (IP) addresses.</summary>
    IpAddresses = 15,

    /// <summary>(P) Biometric identifiers, such as fingerprints and voiceprints.</summary>
    BiometricIdentifiers = 16,

    /// <summary>(Q) Full-face photographs and comparable images.</summary>
    FullFacePhotographs = 17,

    /// <summary>(R) Any other unique identifying number, characteristic or code.</summary>
    OtherUniqueIdentifiers = 18,
}
