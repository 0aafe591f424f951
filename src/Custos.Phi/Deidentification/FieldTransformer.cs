using System.Globalization;

namespace Custos.Phi.Deidentification;

/// <summary>Applies a <see cref="FieldRule"/> to one value, counting the change in the report.</summary>
internal sealed class FieldTransformer
{
    private readonly DeidentificationOptions _options;
    private readonly DeidentificationReport _report;
    private readonly Pseudonymizer _pseudonymizer;

    public FieldTransformer(DeidentificationOptions options, DeidentificationReport report)
    {
        _options = options;
        _report = report;
        _pseudonymizer = options.Pseudonymizer ?? new Pseudonymizer(Pseudonymizer.CreateKey());
        Text = new TextRedactor(options.Scanner, options.FreeText, report);
    }

    public TextRedactor Text { get; }

    public DeidentificationOptions Options => _options;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FieldRule> _rules = new(StringComparer.Ordinal);

    public FieldRule RuleFor(string name) => _rules.GetOrAdd(name, _options.RuleFor);

    /// <summary>The rule for a JSON property: one configured for its dotted path, else the rule for its name.</summary>
    public FieldRule RuleFor(string path, string name) =>
        _rules.GetOrAdd("path:" + path, _ => _options.TryGetConfigured(path, out var rule) ? rule : RuleFor(name));

    public Pseudonymizer Pseudonymizer => _pseudonymizer;

    public string Apply(FieldRule rule, string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        switch (rule)
        {
            case FieldRule.Keep:
                return value;
            case FieldRule.Redact when _options.PseudonymizeIdentifiers:
                _report.Count("field:pseudonym");
                return _pseudonymizer.Code(PhiType.OtherId, value);
            case FieldRule.Redact:
                _report.Count("field:redacted");
                return "REDACTED";
            case FieldRule.Pseudonym:
                _report.Count("field:pseudonym");
                return _pseudonymizer.Code(PhiType.OtherId, value);
            case FieldRule.Date:
                return Date(value, birth: false);
            case FieldRule.BirthDate:
                return Date(value, birth: true);
            case FieldRule.Age:
                if (int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var age))
                {
                    if (age >= 90)
                    {
                        _report.Count("field:age-90-or-older");
                    }

                    return SafeHarborRules.Age(age);
                }

                return Text.Clean(value);
            case FieldRule.Zip:
                var zip3 = SafeHarborRules.Zip3(value, _options.RestrictedZip3);
                if (zip3 is null)
                {
                    _report.Count("field:redacted");
                    return "REDACTED";
                }

                _report.Count(zip3 == "000" ? "field:zip-restricted-000" : "field:zip-to-3-digits");
                return zip3;
            default:
                return Text.Clean(value);
        }
    }

    public string Date(string value, bool birth)
    {
        if (_options.Method == DeidentificationMethod.DateShiftNotSafeHarbor)
        {
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                _report.Count("field:date-shifted-not-safe-harbor");
                var shifted = parsed.AddDays(_options.DateShiftDays);
                return value.Trim().Length <= 10 ? shifted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : shifted.ToString("O", CultureInfo.InvariantCulture);
            }

            _report.Count("field:redacted");
            return "REDACTED";
        }

        if (birth)
        {
            var year = SafeHarborRules.BirthYear(value, _options.AsOf, out var aggregated);
            if (year is null)
            {
                _report.Count("field:redacted");
                return "REDACTED";
            }

            _report.Count(aggregated ? "field:birth-date-90-or-older" : "field:date-to-year");
            return year.Value.ToString("D4", CultureInfo.InvariantCulture);
        }

        var y = SafeHarborRules.Year(value);
        if (y is null)
        {
            _report.Count("field:redacted");
            return "REDACTED";
        }

        _report.Count("field:date-to-year");
        return y.Value.ToString("D4", CultureInfo.InvariantCulture);
    }
}
