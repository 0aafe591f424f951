namespace Custos.Phi.Deidentification;

/// <summary>What to do with one column (CSV) or property (JSON).</summary>
public enum FieldRule
{
    /// <summary>Scan the value as free text and redact what is found (the default for fields without a rule).</summary>
    FreeText,

    /// <summary>Keep the value as it is (codes, measurements: fields known to hold no identifier).</summary>
    Keep,

    /// <summary>Replace the whole value (names, telephone numbers, identifiers, street lines).</summary>
    Redact,

    /// <summary>Keep only the year of a date (164.514(b)(2)(i)(C)).</summary>
    Date,

    /// <summary>A birth date: its year, adjusted into the 90-or-older category when the person is 90 or older.</summary>
    BirthDate,

    /// <summary>An age: kept under 90, "90 or older" otherwise.</summary>
    Age,

    /// <summary>A ZIP code: its first three digits, or 000 for restricted areas (164.514(b)(2)(i)(B)).</summary>
    Zip,

    /// <summary>Replace the value with its keyed re-identification code (164.514(c)); needs a key.</summary>
    Pseudonym,
}

/// <summary>How free text is cleaned.</summary>
public enum FreeTextMode
{
    /// <summary>Each identifier becomes its type in brackets: <c>[NAME]</c>.</summary>
    Redact,

    /// <summary>Each identifier becomes a surrogate, the same one for the same value throughout a run: <c>[NAME-3]</c>.</summary>
    Surrogate,
}

/// <summary>
/// The de-identification method. Only <see cref="SafeHarbor"/> is Safe Harbor; the other is offered for a limited data
/// set under a data use agreement (164.514(e)) and is labelled as such in every report. Safe Harbor is the default.
/// </summary>
public enum DeidentificationMethod
{
    /// <summary>45 CFR 164.514(b)(2): every identifier removed, dates to year, ZIP3, 90 or older.</summary>
    SafeHarbor,

    /// <summary>NOT Safe Harbor: dates shifted by a fixed number of days instead of cut to the year (limited data set, 164.514(e), or expert determination, 164.514(b)(1)).</summary>
    DateShiftNotSafeHarbor,
}

/// <summary>Options for structured de-identification.</summary>
public sealed class DeidentificationOptions
{
    /// <summary>The method; <see cref="DeidentificationMethod.SafeHarbor"/> unless chosen otherwise.</summary>
    public DeidentificationMethod Method { get; init; } = DeidentificationMethod.SafeHarbor;

    /// <summary>Days to shift dates by under <see cref="DeidentificationMethod.DateShiftNotSafeHarbor"/>.</summary>
    public int DateShiftDays { get; init; }

    /// <summary>
    /// Rules by column name, JSON property name or dotted JSON path (<c>patient.address.zip</c>), case-insensitive; a
    /// path wins over a name. Fields without a rule get one from their name, or <see cref="FieldRule.FreeText"/>.
    /// </summary>
    public IReadOnlyDictionary<string, FieldRule> Rules { get; init; } = new Dictionary<string, FieldRule>();

    /// <summary>How free text is cleaned.</summary>
    public FreeTextMode FreeText { get; init; } = FreeTextMode.Redact;

    /// <summary>The restricted three-digit ZIP areas; <see cref="SafeHarborRules.RestrictedZip3Census2000"/> by default.</summary>
    public IReadOnlySet<string> RestrictedZip3 { get; init; } = SafeHarborRules.RestrictedZip3Census2000;

    /// <summary>The date ages are taken on (for birth dates of people 90 or older).</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>The key for <see cref="FieldRule.Pseudonym"/> and for identifier codes; without one, a random key is used for the run and thrown away.</summary>
    public Pseudonymizer? Pseudonymizer { get; init; }

    /// <summary>Replace identifier fields (rule <see cref="FieldRule.Redact"/>) by keyed re-identification codes instead of REDACTED; needs <see cref="Pseudonymizer"/>.</summary>
    public bool PseudonymizeIdentifiers { get; init; }

    /// <summary>The scanner for free text.</summary>
    public PhiScanner Scanner { get; init; } = PhiScanner.Default;

    /// <summary>The rule for a field: the configured one, else one inferred from its name.</summary>
    /// <param name="name">A column or property name.</param>
    /// <returns>The rule.</returns>
    public FieldRule RuleFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Rules.TryGetValue(name, out var rule))
        {
            return rule;
        }

        foreach (var (key, value) in Rules)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return Infer(name);
    }

    internal bool TryGetConfigured(string key, out FieldRule rule)
    {
        if (Rules.TryGetValue(key, out rule))
        {
            return true;
        }

        foreach (var (k, value) in Rules)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                rule = value;
                return true;
            }
        }

        return false;
    }

    /// <summary>The rule a field's name suggests.</summary>
    /// <param name="name">A column or property name.</param>
    /// <returns>The inferred rule; <see cref="FieldRule.FreeText"/> when the name says nothing.</returns>
    public static FieldRule Infer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (n is "DOB" or "BIRTHDATE" or "DATEOFBIRTH" or "BIRTHDAY")
        {
            return FieldRule.BirthDate;
        }

        if (n is "AGE" or "AGEYEARS" or "PATIENTAGE")
        {
            return FieldRule.Age;
        }

        if (n is "ZIP" or "ZIPCODE" or "POSTALCODE" or "POSTCODE" or "ZIP5")
        {
            return FieldRule.Zip;
        }

        if (n.Contains("DATE", StringComparison.Ordinal) || n.EndsWith("DATETIME", StringComparison.Ordinal) || n.EndsWith("AT", StringComparison.Ordinal) && n.Length > 4 && (n.StartsWith("ADMITTED", StringComparison.Ordinal) || n.StartsWith("DISCHARGED", StringComparison.Ordinal) || n.StartsWith("DIED", StringComparison.Ordinal)))
        {
            return FieldRule.Date;
        }

        string[] redact = ["NAME", "FIRSTNAME", "LASTNAME", "PATIENTNAME", "FAMILY", "GIVEN", "PHONE", "FAX", "EMAIL", "SSN", "MRN", "ADDRESS", "STREET", "LINE1", "LINE2", "CITY", "COUNTY", "TELEPHONE", "MOBILE", "MEMBERID", "ACCOUNT", "ACCOUNTNUMBER", "LICENSE", "VIN", "SERIAL", "IP", "IPADDRESS", "URL", "PATIENTID", "MEDICALRECORDNUMBER"];
        return redact.Contains(n) || n.EndsWith("NAME", StringComparison.Ordinal) || n.EndsWith("PHONE", StringComparison.Ordinal) || n.EndsWith("EMAIL", StringComparison.Ordinal)
            ? FieldRule.Redact
            : FieldRule.FreeText;
    }
}
