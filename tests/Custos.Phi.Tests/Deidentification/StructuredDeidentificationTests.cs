using System.Text;
using System.Text.Json.Nodes;
using Custos.Phi.Deidentification;

namespace Custos.Phi.Tests.Deidentification;

public sealed class StructuredDeidentificationTests
{
    private static readonly DeidentificationOptions Options = new() { AsOf = new DateOnly(2026, 3, 2) };

    [Fact]
    public void A_CSV_export_is_de_identified_column_by_column_by_the_Safe_Harbor_rules()
    {
        const string Csv = "patient_name,dob,zip,age,visit_date,a1c,notes\r\n" +
            "Maria Garcia,1930-05-01,03601,95,2024-02-29,7.1,\"Seen by Dr. Alice Wong, call 212-555-0143\"\r\n" +
            "John Smith,1980-07-04,02139,45,3/14/2023,6.2,stable\r\n";
        using var output = new StringWriter();

        var report = CsvDeidentifier.Run(new StringReader(Csv), output, Options, cancellationToken: TestContext.Current.CancellationToken);

        var lines = output.ToString().Split("\r\n");
        lines[0].ShouldBe("patient_name,dob,zip,age,visit_date,a1c,notes");
        lines[1].ShouldBe("REDACTED,1936,000,90 or older,2024,7.1,\"Seen by Dr. [NAME], call [PHONE]\"");
        lines[2].ShouldBe("REDACTED,1980,021,45,2023,6.2,stable");
        report.Records.ShouldBe(2);
        report.Changes["field:birth-date-90-or-older"].ShouldBe(1);
        report.Changes["field:zip-restricted-000"].ShouldBe(1);
        report.Changes["text:NAME"].ShouldBe(1);
    }

    [Fact]
    public void The_change_report_holds_counts_and_never_a_value()
    {
        using var output = new StringWriter();

        var report = CsvDeidentifier.Run(new StringReader("name,ssn\r\nMaria Garcia,123-45-6789\r\n"), output, Options, cancellationToken: TestContext.Current.CancellationToken);

        var everything = string.Join(";", report.Changes.Select(p => p.Key + "=" + p.Value)) + report.MethodLabel;
        everything.ShouldNotContain("Maria");
        everything.ShouldNotContain("6789");
        report.MethodLabel.ShouldBe("Safe Harbor, 45 CFR 164.514(b)(2)");
    }

    [Fact]
    public void Malformed_CSV_is_reported_with_its_line_number()
    {
        var ex = Should.Throw<InvalidDataException>(() =>
            CsvDeidentifier.Run(new StringReader("a,b\r\n1,2\r\n3,\"open\r\n"), new StringWriter(), Options, cancellationToken: TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("line 3");
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_reported_with_its_line_number()
    {
        var ex = Should.Throw<InvalidDataException>(() =>
            CsvDeidentifier.Run(new StringReader("a,b\n1,2\n3\n"), new StringWriter(), Options, cancellationToken: TestContext.Current.CancellationToken));

        ex.Message.ShouldBe("line 3: 1 fields where the header has 2");
    }

    [Fact]
    public void Date_shifting_is_not_Safe_Harbor_and_says_so()
    {
        var options = new DeidentificationOptions { Method = DeidentificationMethod.DateShiftNotSafeHarbor, DateShiftDays = -10, AsOf = Options.AsOf };
        using var output = new StringWriter();

        var report = CsvDeidentifier.Run(new StringReader("visit_date\r\n2024-03-10\r\n"), output, options, cancellationToken: TestContext.Current.CancellationToken);

        output.ToString().ShouldBe("visit_date\r\n2024-02-29\r\n");
        report.MethodLabel.ShouldStartWith("NOT Safe Harbor");
        new DeidentificationOptions().Method.ShouldBe(DeidentificationMethod.SafeHarbor);
    }

    [Fact]
    public void Plain_JSON_properties_follow_their_names_and_other_strings_are_scanned()
    {
        var json = """{"patient":{"name":"Maria Garcia","dob":"1980-07-04","zip":"02139","age":93,"comment":"SSN 123-45-6789","score":7}}""";
        using var output = new MemoryStream();

        JsonDeidentifier.Run(new MemoryStream(Encoding.UTF8.GetBytes(json)), output, Options, fhir: false);

        var result = JsonNode.Parse(output.ToArray())!["patient"]!;
        result["name"]!.GetValue<string>().ShouldBe("REDACTED");
        result["dob"]!.GetValue<string>().ShouldBe("1980");
        result["zip"]!.GetValue<string>().ShouldBe("021");
        result["age"]!.GetValue<string>().ShouldBe("90 or older");
        result["comment"]!.GetValue<string>().ShouldBe("SSN [SSN]");
        result["score"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public void A_rule_for_a_JSON_path_wins_over_the_rule_for_the_property_name()
    {
        var options = new DeidentificationOptions
        {
            AsOf = Options.AsOf,
            Rules = new Dictionary<string, FieldRule> { ["clinic.name"] = FieldRule.Keep, ["code"] = FieldRule.Keep },
        };
        var json = """{"clinic":{"name":"Riverbend Clinic"},"patient":{"name":"Maria Garcia","code":"X-1"}}""";
        using var output = new MemoryStream();

        JsonDeidentifier.Run(new MemoryStream(Encoding.UTF8.GetBytes(json)), output, options, fhir: false);

        var result = JsonNode.Parse(output.ToArray())!;
        result["clinic"]!["name"]!.GetValue<string>().ShouldBe("Riverbend Clinic");
        result["patient"]!["name"]!.GetValue<string>().ShouldBe("REDACTED");
        result["patient"]!["code"]!.GetValue<string>().ShouldBe("X-1");
    }

    [Fact]
    public void Malformed_JSON_is_reported_with_line_and_position()
    {
        var ex = Should.Throw<InvalidDataException>(() =>
            JsonDeidentifier.Run(new MemoryStream(Encoding.UTF8.GetBytes("{\n  \"a\": 1,\n  oops\n}")), new MemoryStream(), Options, fhir: false));

        ex.Message.ShouldStartWith("not valid JSON at line 3");
    }

    [Fact]
    public void A_FHIR_bundle_is_de_identified_by_data_type_and_references_still_resolve()
    {
        var note = Convert.ToBase64String(Encoding.UTF8.GetBytes("Maria Garcia, SSN 123-45-6789, seen 03/14/2023."));
        var bundle = $$$"""
        {"resourceType":"Bundle","type":"transaction","entry":[
          {"fullUrl":"urn:uuid:1c5a49ea-fc04-456b-9d86-82d3e8f25ab1","resource":{"resourceType":"Patient","id":"1c5a49ea-fc04-456b-9d86-82d3e8f25ab1",
            "text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Maria Garcia</div>"},
            "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName","valueString":"Ana Lopez"}],
            "identifier":[{"system":"http://hospital.example","value":"MRN00123"}],
            "name":[{"use":"official","family":"Garcia","given":["Maria"],"prefix":["Mrs."]}],
            "telecom":[{"system":"phone","value":"212-555-0143"}],
            "birthDate":"1930-05-01","gender":"female",
            "address":[{"line":["12 Elm St"],"city":"Springfield","state":"IL","postalCode":"03601","country":"US",
              "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/geolocation","extension":[{"url":"latitude","valueDecimal":42.1}]}]}]}},
          {"fullUrl":"urn:uuid:2b0c3f39-7e63-4e52-a5a4-1e43e7d0c111","resource":{"resourceType":"DocumentReference","id":"2b0c3f39-7e63-4e52-a5a4-1e43e7d0c111",
            "subject":{"reference":"urn:uuid:1c5a49ea-fc04-456b-9d86-82d3e8f25ab1","display":"Maria Garcia"},
            "date":"2023-03-14T10:22:00-05:00",
            "content":[{"attachment":{"contentType":"text/plain; charset=utf-8","data":"{{{note}}}"}}]}}]}
        """;
        using var output = new MemoryStream();

        var report = JsonDeidentifier.Run(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), output, Options, fhir: true);

        var text = Encoding.UTF8.GetString(output.ToArray());
        var root = JsonNode.Parse(text)!;
        var patient = root["entry"]![0]!["resource"]!;
        var document = root["entry"]![1]!["resource"]!;
        foreach (var value in new[] { "Maria", "Garcia", "Ana Lopez", "MRN00123", "212-555-0143", "12 Elm St", "Springfield", "1930-05-01", "03601", "1c5a49ea", "latitude", "2023-03-14" })
        {
            text.ShouldNotContain(value);
        }

        patient["birthDate"]!.GetValue<string>().ShouldBe("1936");
        patient["address"]![0]!["postalCode"]!.GetValue<string>().ShouldBe("000");
        patient["address"]![0]!["state"]!.GetValue<string>().ShouldBe("IL");
        patient["gender"]!.GetValue<string>().ShouldBe("female");
        document["date"]!.GetValue<string>().ShouldBe("2023-01-01T00:00:00Z"); // DocumentReference.date is an instant in R4: the year, as a valid instant
        document["subject"]!["reference"]!.GetValue<string>().ShouldBe(root["entry"]![0]!["fullUrl"]!.GetValue<string>());
        patient["id"]!.GetValue<string>().ShouldBe(root["entry"]![0]!["fullUrl"]!.GetValue<string>()["urn:uuid:".Length..]);
        var cleanedNote = Encoding.UTF8.GetString(Convert.FromBase64String(document["content"]![0]!["attachment"]!["data"]!.GetValue<string>()));
        cleanedNote.ShouldBe("[NAME], SSN [SSN], seen 2023.");
        document["subject"]!["display"]!.GetValue<string>().ShouldBe("REDACTED");
        report.Changes["fhir:geolocation-removed"].ShouldBe(1);
        report.Records.ShouldBe(3);
    }

    [Fact]
    public void A_JSON_document_without_a_resourceType_is_not_FHIR()
    {
        var ex = Should.Throw<InvalidDataException>(() =>
            JsonDeidentifier.Run(new MemoryStream("{\"a\":1}"u8.ToArray()), new MemoryStream(), Options, fhir: true));

        ex.Message.ShouldContain("no resourceType");
    }
}
