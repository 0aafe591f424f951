using System.Collections.Frozen;
using Custos.Phi.SafeHarbor;

namespace Custos.Phi;

/// <summary>The stable names of <see cref="PhiType"/> values and their Safe Harbor categories.</summary>
public static class PhiTypes
{
    private static readonly string[] Names =
    [
        "", "NAME", "ADDRESS", "DATE", "AGE_OVER_89", "PHONE", "FAX", "EMAIL", "SSN", "MRN", "HEALTH_PLAN_ID",
        "ACCOUNT_NUMBER", "LICENSE_NUMBER", "VEHICLE_ID", "DEVICE_ID", "URL", "IP_ADDRESS", "BIOMETRIC_ID", "OTHER_ID",
    ];

    private static readonly FrozenDictionary<string, PhiType> ByName =
        Enumerable.Range(1, Names.Length - 1).ToFrozenDictionary(i => Names[i], i => (PhiType)i, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every type, in declaration order.</summary>
    public static IReadOnlyList<PhiType> All { get; } = Array.AsReadOnly(Enum.GetValues<PhiType>());

    /// <summary>The upper-case name of <paramref name="type"/>, such as <c>HEALTH_PLAN_ID</c>.</summary>
    /// <param name="type">A defined type.</param>
    /// <returns>The name used in scan output and rules files.</returns>
    public static string Name(PhiType type) =>
        type is >= PhiType.Name and <= PhiType.OtherId
            ? Names[(int)type]
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a PHI type.");

    /// <summary>Parses a type name such as <c>SSN</c> (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="type">The type when the name is known.</param>
    /// <returns>Whether the name is one of the eighteen type names.</returns>
    public static bool TryParse(string? name, out PhiType type) =>
        ByName.TryGetValue(name?.Trim() ?? string.Empty, out type);

    /// <summary>The Safe Harbor category of 45 CFR 164.514(b)(2)(i) that <paramref name="type"/> belongs to.</summary>
    /// <param name="type">A defined type.</param>
    /// <returns>The category.</returns>
    public static SafeHarborIdentifier Category(PhiType type) => type switch
    {
        PhiType.Name => SafeHarborIdentifier.Names,
        PhiType.Address => SafeHarborIdentifier.GeographicSubdivisions,
        PhiType.Date or PhiType.AgeOver89 => SafeHarborIdentifier.Dates,
        PhiType.Phone => SafeHarborIdentifier.TelephoneNumbers,
        PhiType.Fax => SafeHarborIdentifier.FaxNumbers,
        PhiType.Email => SafeHarborIdentifier.EmailAddresses,
        PhiType.Ssn => SafeHarborIdentifier.SocialSecurityNumbers,
        PhiType.Mrn => SafeHarborIdentifier.MedicalRecordNumbers,
        PhiType.HealthPlanId => SafeHarborIdentifier.HealthPlanBeneficiaryNumbers,
        PhiType.AccountNumber => SafeHarborIdentifier.AccountNumbers,
        PhiType.LicenseNumber => SafeHarborIdentifier.CertificateOrLicenseNumbers,
        PhiType.VehicleId => SafeHarborIdentifier.VehicleIdentifiers,
        PhiType.DeviceId => SafeHarborIdentifier.DeviceIdentifiers,
        PhiType.Url => SafeHarborIdentifier.WebUrls,
        PhiType.IpAddress => SafeHarborIdentifier.IpAddresses,
        PhiType.BiometricId => SafeHarborIdentifier.BiometricIdentifiers,
        PhiType.OtherId => SafeHarborIdentifier.OtherUniqueIdentifiers,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a PHI type."),
    };
}
