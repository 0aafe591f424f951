namespace Custos.Phi;

/// <summary>
/// The kinds of identifier the scanner reports. Together they cover the Safe Harbor identifiers of
/// 45 CFR 164.514(b)(2)(i); <see cref="PhiTypes.Name(PhiType)"/> gives the stable upper-case names used in output
/// (<c>NAME</c>, <c>SSN</c>, ...).
/// </summary>
public enum PhiType
{
    /// <summary><c>NAME</c>: a person's name (164.514(b)(2)(i)(A)).</summary>
    Name = 1,

    /// <summary><c>ADDRESS</c>: street, city, county, precinct, ZIP code or other place smaller than a State ((B)).</summary>
    Address,

    /// <summary><c>DATE</c>: a date with an element other than the year ((C)).</summary>
    Date,

    /// <summary><c>AGE_OVER_89</c>: an age of 90 or more ((C)).</summary>
    AgeOver89,

    /// <summary><c>PHONE</c>: a telephone number ((D)).</summary>
    Phone,

    /// <summary><c>FAX</c>: a fax number ((E)).</summary>
    Fax,

    /// <summary><c>EMAIL</c>: an e-mail address ((F)).</summary>
    Email,

    /// <summary><c>SSN</c>: a Social Security number ((G)).</summary>
    Ssn,

    /// <summary><c>MRN</c>: a medical record number ((H)).</summary>
    Mrn,

    /// <summary><c>HEALTH_PLAN_ID</c>: a health plan beneficiary number, the Medicare MBI included ((I)).</summary>
    HealthPlanId,

    /// <summary><c>ACCOUNT_NUMBER</c>: an account number, payment cards and IBANs included ((J)).</summary>
    AccountNumber,

    /// <summary><c>LICENSE_NUMBER</c>: a certificate or licence number: driver's licence, DEA, NPI, professional ((K)).</summary>
    LicenseNumber,

    /// <summary><c>VEHICLE_ID</c>: a vehicle identifier: VIN or licence plate ((L)).</summary>
    VehicleId,

    /// <summary><c>DEVICE_ID</c>: a device identifier or serial number, UDIs included ((M)).</summary>
    DeviceId,

    /// <summary><c>URL</c>: a web address ((N)).</summary>
    Url,

    /// <summary><c>IP_ADDRESS</c>: an IPv4 or IPv6 address ((O)).</summary>
    IpAddress,

    /// <summary><c>BIOMETRIC_ID</c>: a biometric identifier or template reference ((P)).</summary>
    BiometricId,

    /// <summary><c>OTHER_ID</c>: any other unique identifying number or code ((R)).</summary>
    OtherId,
}
