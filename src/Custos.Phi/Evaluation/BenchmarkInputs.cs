using System.Globalization;
using System.Text;

namespace Custos.Phi.Evaluation;

/// <summary>
/// Seeded inputs of a chosen size for throughput measurements (<c>custos phi bench</c> and the BenchmarkDotNet suite):
/// free text (notes, tickets, logs), CSV, JSON records and FHIR R4 bundles, all synthetic.
/// </summary>
public static class BenchmarkInputs
{
    /// <summary>Free text of about <paramref name="characters"/> characters: the synthetic notes, tickets and logs, repeated.</summary>
    /// <param name="characters">The size wanted.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The text.</returns>
    public static string FreeText(int characters, int seed = 1)
    {
        var docs = SyntheticCorpus.Generate(seed, 200).Where(d => d.Kind != "csv-export").Select(d => d.Text).ToList();
        var text = new StringBuilder(characters + 4096);
        for (var i = 0; text.Length < characters; i++)
        {
            text.Append(docs[i % docs.Count]).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A CSV export of about <paramref name="characters"/> characters.</summary>
    /// <param name="characters">The size wanted.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The CSV, header first.</returns>
    public static string Csv(int characters, int seed = 1)
    {
        var docs = SyntheticCorpus.Generate(seed, 500).Where(d => d.Kind == "csv-export").ToList();
        var rows = docs.SelectMany(d => d.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)).ToList();
        var header = docs[0].Text[..docs[0].Text.IndexOf('\n', StringComparison.Ordinal)];
        var csv = new StringBuilder(characters + 4096).Append(header).Append('\n');
        for (var i = 0; csv.Length < characters; i++)
        {
            csv.Append(Quote(rows[i % rows.Count])).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>A JSON array of patient records of about <paramref name="characters"/> characters.</summary>
    /// <param name="characters">The size wanted.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The JSON.</returns>
    public static string Json(int characters, int seed = 1)
    {
        var random = new Random(seed);
        var notes = SyntheticCorpus.Generate(seed, 50).Where(d => d.Kind == "progress-note").Select(d => d.Text).ToList();
        var json = new StringBuilder(characters + 4096).Append('[');
        for (var i = 0; json.Length < characters; i++)
        {
            json.Append(i == 0 ? "\n" : ",\n").Append(CultureInfo.InvariantCulture, $$"""  {"id":{{i}},"name":"Patient {{i}}","dob":"19{{random.Next(30, 99)}}-0{{random.Next(1, 9)}}-1{{random.Next(0, 9)}}","zip":"{{random.Next(10000, 99999)}}","phone":"212-555-{{random.Next(1000, 9999)}}","a1c":{{random.Next(50, 90) / 10.0}},"note":{{System.Text.Json.JsonSerializer.Serialize(notes[i % notes.Count])}}}""");
        }

        return json.Append("\n]").ToString();
    }

    /// <summary>A FHIR R4 transaction bundle of about <paramref name="characters"/> characters: one Patient, observations and notes.</summary>
    /// <param name="characters">The size wanted.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The bundle as JSON.</returns>
    public static string FhirBundle(int characters, int seed = 1)
    {
        var random = new Random(seed);
        var notes = SyntheticCorpus.Generate(seed, 50).Where(d => d.Kind == "discharge-summary").Select(d => Convert.ToBase64String(Encoding.UTF8.GetBytes(d.Text))).ToList();
        var patient = Guid.NewGuid().ToString();
        var bundle = new StringBuilder(characters + 8192);
        bundle.Append(CultureInfo.InvariantCulture, $$$"""
            {"resourceType":"Bundle","type":"transaction","entry":[
            {"fullUrl":"urn:uuid:{{{patient}}}","resource":{"resourceType":"Patient","id":"{{{patient}}}","identifier":[{"system":"http://hospital.example","value":"MRN{{{random.Next(100000, 999999)}}}"}],"name":[{"use":"official","family":"Kelvaro","given":["Maria"]}],"telecom":[{"system":"phone","value":"212-555-0143","use":"home"}],"gender":"female","birthDate":"1931-04-02","address":[{"line":["12 Elm St"],"city":"Springfield","state":"IL","postalCode":"62704","country":"US"}]},"request":{"method":"POST","url":"Patient"}}
            """);
        for (var i = 0; bundle.Length < characters; i++)
        {
            var id = Guid.NewGuid().ToString();
            bundle.Append(i % 3 == 0
                ? $$$"""
                ,{"fullUrl":"urn:uuid:{{{id}}}","resource":{"resourceType":"DocumentReference","id":"{{{id}}}","status":"current","subject":{"reference":"urn:uuid:{{{patient}}}","display":"Maria Kelvaro"},"date":"2020-0{{{random.Next(1, 9)}}}-1{{{random.Next(0, 9)}}}T10:22:00-05:00","content":[{"attachment":{"contentType":"text/plain; charset=utf-8","data":"{{{notes[i % notes.Count]}}}"}}]},"request":{"method":"POST","url":"DocumentReference"}}
                """
                : $$$"""
                ,{"fullUrl":"urn:uuid:{{{id}}}","resource":{"resourceType":"Observation","id":"{{{id}}}","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8480-6","display":"Systolic blood pressure"}],"text":"Systolic blood pressure"},"subject":{"reference":"urn:uuid:{{{patient}}}"},"effectiveDateTime":"2020-0{{{random.Next(1, 9)}}}-1{{{random.Next(0, 9)}}}T10:22:00-05:00","issued":"2020-03-14T10:22:00.123-05:00","valueQuantity":{"value":{{{random.Next(100, 160)}}},"unit":"mm[Hg]","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},"request":{"method":"POST","url":"Observation"}}
                """);
        }

        return bundle.Append("]}").ToString();
    }

    private static string Quote(string row) => row;
}
