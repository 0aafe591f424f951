using System.Globalization;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;

namespace Custos.Cli.Output;

/// <summary>How domain values read in table output. JSON output uses the values themselves.</summary>
internal static class DisplayText
{
    public static string Of(EntityType type) => OrganizationTerms.Name(type);

    // Shorter than OrganizationTerms' names on purpose: tables must fit in 100 columns.
    public static string Of(CustomerKind kind) => kind switch
    {
        CustomerKind.HealthcareProvider => "Provider",
        CustomerKind.HealthPlan => "Health plan",
        CustomerKind.HealthcareClearinghouse => "Clearinghouse",
    };

    public static string Of(OfficerRole role) => OrganizationTerms.Name(role);

    public static string Of(SetupCheckState state) => state switch
    {
        SetupCheckState.Missing => "Missing",
        SetupCheckState.Done => "Done",
        SetupCheckState.NotApplicable => "N/A",
    };

    public static string Of(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Of(DateOnly? date) => date is { } value ? Of(value) : "-";

    public static string Of(DateTimeOffset moment) =>
        moment.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Of(PostalAddress address) =>
        string.Join(", ", new[] { address.Line1, address.Line2, address.City, $"{address.Region} {address.PostalCode}", address.Country }
            .Where(part => !string.IsNullOrWhiteSpace(part)));

    /// <summary>"Name (Title) &lt;email&gt;, phone".</summary>
    public static string Of(ContactPerson person)
    {
        var text = person.Name;
        if (!string.IsNullOrWhiteSpace(person.Title))
        {
            text += $" ({person.Title})";
        }

        text += $" <{person.Email}>";
        if (!string.IsNullOrWhiteSpace(person.Phone))
        {
            text += $", {person.Phone}";
        }

        return text;
    }

    public static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
}
