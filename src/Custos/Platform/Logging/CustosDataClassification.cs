using Microsoft.Extensions.Compliance.Classification;

namespace Custos.Platform.Logging;

/// <summary>
/// Custos's data taxonomy for telemetry. A log parameter marked with one of these attributes is redacted by the
/// host's redactors before any sink sees it: PHI and secrets never reach logs.
/// </summary>
public static class CustosDataClassification
{
    public const string TaxonomyName = "Custos";

    /// <summary>Protected health information and secrets (tokens, passwords, keys).</summary>
    public static DataClassification Sensitive { get; } = new(TaxonomyName, nameof(Sensitive));

    /// <summary>Personal data of workforce members and contacts (names, email addresses, phone numbers).</summary>
    public static DataClassification Personal { get; } = new(TaxonomyName, nameof(Personal));
}

/// <summary>Marks PHI or a secret: erased from telemetry.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue, AllowMultiple = true)]
public sealed class SensitiveDataAttribute : DataClassificationAttribute
{
    public SensitiveDataAttribute()
        : base(CustosDataClassification.Sensitive)
    {
    }
}

/// <summary>Marks personal data: erased from telemetry.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue, AllowMultiple = true)]
public sealed class PersonalInformationAttribute : DataClassificationAttribute
{
    public PersonalInformationAttribute()
        : base(CustosDataClassification.Personal)
    {
    }
}
