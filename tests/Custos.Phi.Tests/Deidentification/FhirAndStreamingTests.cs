using System.Text;
using System.Text.Json.Nodes;
using Custos.Phi.Deidentification;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Custos.Phi.Tests.Deidentification;

/// <summary>De-identified FHIR stays valid FHIR R4 (parsed by Firely's SDK); NDJSON and JSON arrays are streamed record by record.</summary>
public sealed class FhirAndStreamingTests
{
    private static readonly DeidentificationOptions Options = new() { AsOf = new DateOnly(2026, 3, 2) };

    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    [Fact]
    public void Every_de_identified_Synthea_bundle_is_still_a_valid_FHIR_R4_bundle_with_every_entry()
    {
        Assert.SkipWhen(SyntheaBundles.Folder is null, SyntheaBundles.SkipReason);

        var patients = 0;
        foreach (var bundle in SyntheaBundles.Deidentified)
        {
            var source = Strict.Deserialize<Bundle>(Encoding.UTF8.GetString(bundle.Source))!;

            var cleaned = Strict.Deserialize<Bundle>(Encoding.UTF8.GetString(bundle.Output))!;
            cleaned.Entry.Count.ShouldBe(source.Entry.Count, bundle.Name);
            cleaned.Entry.Select(e => e.Resource!.TypeName).ShouldBe(source.Entry.Select(e => e.Resource!.TypeName), bundle.Name);
            var sourceNames = NamesOf(source.Entry.Select(e => e.Resource).OfType<Patient>());
            patients += sourceNames.Count > 0 ? 1 : 0;
            foreach (var patient in cleaned.Entry.Select(e => e.Resource).OfType<Patient>())
            {
                NamesOf([patient]).Intersect(sourceNames).ShouldBeEmpty();
                patient.BirthDate?.Length.ShouldBe(4); // 45 CFR 164.514(b)(2)(i)(C): the year only
                patient.Address.Where(a => a.PostalCode is not null).ShouldAllBe(a => a.PostalCode!.Length == 3);
            }
        }

        patients.ShouldBeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public void A_FHIR_NDJSON_export_is_de_identified_line_by_line_and_each_line_is_a_valid_resource()
    {
        var file = SyntheaBundles.SharedPath("functional-tests/Patient-1.ndjson");
        Assert.SkipWhen(file is null || !File.Exists(file), SyntheaBundles.SkipReason);
        var lines = File.ReadAllLines(file!).Where(l => l.Length > 0).ToList();
        using var output = new MemoryStream();

        var report = JsonDeidentifier.RunLines(File.OpenRead(file!), output, Options, fhir: true, TestContext.Current.CancellationToken);

        var cleaned = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        cleaned.Length.ShouldBe(lines.Count);
        var patient = Strict.Deserialize<Patient>(cleaned[0])!;
        var source = Strict.Deserialize<Patient>(lines[0])!;
        NamesOf([patient]).Intersect(NamesOf([source])).ShouldBeEmpty();
        cleaned[0].ShouldNotContain("Chalmers");
        report.TotalChanges.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void NDJSON_is_streamed_from_an_unseekable_stream_one_record_per_line_and_a_bad_line_is_named()
    {
        var ndjson = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            ndjson.Append("{\"id\":").Append(i).Append(",\"note\":\"Call Maria Garcia at 555-867-5309 about SSN 123-45-6789.\"}\n");
        }

        using var output = new MemoryStream();
        var report = JsonDeidentifier.RunLines(new OneWayStream(Encoding.UTF8.GetBytes(ndjson.ToString())), output, Options, fhir: false, TestContext.Current.CancellationToken);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var bad = Should.Throw<InvalidDataException>(() =>
            JsonDeidentifier.RunLines(new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":1}\n{\"a\":\n")), Stream.Null, Options, fhir: false, TestContext.Current.CancellationToken));

        lines.Length.ShouldBe(2000);
        lines.ShouldAllBe(l => !l.Contains("123-45-6789") && !l.Contains("867-5309") && l.Contains("[SSN]"));
        JsonNode.Parse(lines[1999])!["id"]!.GetValue<int>().ShouldBe(1999);
        report.Records.ShouldBe(2000);
        bad.Message.ShouldStartWith("line 2:");
    }

    [Fact]
    public void A_top_level_JSON_array_is_streamed_element_by_element_with_the_same_result_as_reading_it_whole()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"{{\"id\":{i},\"dob\":\"1950-02-0{1 + (i % 9)}\",\"note\":\"Dr. Kelvarossen saw Maria Garcia, MRN 00481516.\"}}")) + "]";
        var rules = new DeidentificationOptions { AsOf = Options.AsOf, Rules = new Dictionary<string, FieldRule>(StringComparer.OrdinalIgnoreCase) { ["dob"] = FieldRule.BirthDate } };
        using var streamed = new MemoryStream();
        using var whole = new MemoryStream();

        var streamedReport = JsonDeidentifier.Run(new MemoryStream(Encoding.UTF8.GetBytes(json)), streamed, rules, fhir: false);
        var wholeReport = JsonDeidentifier.Run(new OneWayStream(Encoding.UTF8.GetBytes(json)), whole, rules, fhir: false);

        JsonNode.DeepEquals(JsonNode.Parse(streamed.ToArray()), JsonNode.Parse(whole.ToArray())).ShouldBeTrue();
        streamedReport.Records.ShouldBe(500);
        streamedReport.TotalChanges.ShouldBe(wholeReport.TotalChanges);
        Encoding.UTF8.GetString(streamed.ToArray()).ShouldNotContain("00481516");
    }

    private static HashSet<string> NamesOf(IEnumerable<Patient> patients) =>
        patients.SelectMany(p => p.Name).SelectMany(n => n.Given.Append(n.Family)).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>A stream that cannot seek, like a pipe: the whole-document path.</summary>
    private sealed class OneWayStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
