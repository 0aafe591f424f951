using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Custos.Phi.Tests.Deidentification;

/// <summary>
/// The Synthea FHIR R4 bundles of ../shared/phi-bench (skipped when absent): no identifier of the source Patient
/// survives de-identification, checked against the source's own values and by re-scanning the cleaned notes.
/// </summary>
public sealed class SyntheaBundleTests
{
    private static readonly PhiType[] PatternTypes = [PhiType.Ssn, PhiType.Phone, PhiType.Fax, PhiType.Email, PhiType.Mrn, PhiType.HealthPlanId, PhiType.LicenseNumber, PhiType.Url, PhiType.IpAddress];

    [Fact]
    public void No_identifier_of_the_source_patients_survives_in_the_de_identified_bundles()
    {
        Assert.SkipWhen(SyntheaBundles.Folder is null, SyntheaBundles.SkipReason);

        var checkedValues = 0;
        foreach (var bundle in SyntheaBundles.Deidentified)
        {
            var identifiers = PatientIdentifiers(JsonNode.Parse(bundle.Source)!);
            var file = bundle.Name;

            var text = Encoding.UTF8.GetString(bundle.Output);
            var notes = DecodedNotes(JsonNode.Parse(text)!);
            foreach (var value in identifiers)
            {
                Occurs(text, value).ShouldBeFalse($"{Path.GetFileName(file)}: '{value}' survived");
                Occurs(notes, value).ShouldBeFalse($"{Path.GetFileName(file)}: '{value}' survived in a note");
                checkedValues++;
            }

            var leftovers = PhiScanner.Default.Scan(notes).Where(f => PatternTypes.Contains(f.Type)).Select(f => PhiTypes.Name(f.Type) + " " + notes[f.Start..f.End]).ToList();
            leftovers.ShouldBeEmpty(Path.GetFileName(file));
        }

        checkedValues.ShouldBeGreaterThan(50);
    }

    /// <summary>Whether the value occurs as a whole word (not inside a longer number or word).</summary>
    private static bool Occurs(string text, string value) =>
        Regex.IsMatch(text, $"(?<![A-Za-z0-9]){Regex.Escape(value)}(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));

    private static HashSet<string> PatientIdentifiers(JsonNode bundle)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in bundle["entry"]!.AsArray())
        {
            var resource = entry!["resource"]!;
            if (resource["resourceType"]!.GetValue<string>() != "Patient")
            {
                continue;
            }

            values.Add(resource["id"]!.GetValue<string>());
            values.Add(resource["birthDate"]!.GetValue<string>());
            foreach (var name in resource["name"]?.AsArray() ?? [])
            {
                values.Add(name!["family"]!.GetValue<string>());
                foreach (var given in name["given"]?.AsArray() ?? [])
                {
                    values.Add(given!.GetValue<string>());
                }
            }

            foreach (var identifier in resource["identifier"]?.AsArray() ?? [])
            {
                values.Add(identifier!["value"]!.GetValue<string>());
            }

            foreach (var telecom in resource["telecom"]?.AsArray() ?? [])
            {
                values.Add(telecom!["value"]!.GetValue<string>());
            }

            foreach (var address in resource["address"]?.AsArray() ?? [])
            {
                foreach (var line in address!["line"]?.AsArray() ?? [])
                {
                    values.Add(line!.GetValue<string>());
                }

                values.Add(address["city"]!.GetValue<string>());
                if (address["postalCode"] is { } zip)
                {
                    values.Add(zip.GetValue<string>());
                }
            }
        }

        return values;
    }

    private static string DecodedNotes(JsonNode bundle)
    {
        var notes = new StringBuilder();
        foreach (var entry in bundle["entry"]!.AsArray())
        {
            var resource = entry!["resource"]!;
            foreach (var content in resource["content"]?.AsArray() ?? [])
            {
                if (content!["attachment"]?["data"] is { } data)
                {
                    notes.AppendLine(Encoding.UTF8.GetString(Convert.FromBase64String(data.GetValue<string>())));
                }
            }
        }

        return notes.ToString();
    }
}
