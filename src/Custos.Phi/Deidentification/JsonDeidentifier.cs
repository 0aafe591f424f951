using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Custos.Phi.Deidentification;

/// <summary>
/// De-identifies JSON documents and FHIR R4 resources and bundles (JSON format), streamed: a top-level array, the
/// arrays of a top-level object and a Bundle's entries are read one element at a time. Plain JSON: each property's
/// rule comes from its dotted path (<c>patient.dob</c>) or its name, strings without a rule are scanned as free text.
/// FHIR: each resource (each Bundle entry) is parsed by Firely's SDK (<c>Hl7.Fhir.R4</c>), cleaned by the Safe Harbor
/// rules of its FHIR data types (HumanName, ContactPoint, Address with ZIP3, Identifier, date, dateTime and instant to
/// the year, birthDate with the 90-or-older rule, Age, Narrative, Attachment, free-text strings, geolocation) and
/// serialized by Firely; every resource id and reference is replaced by a keyed code so references still resolve.
/// </summary>
public static partial class JsonDeidentifier
{
    private const string RedactedNarrative = "<div xmlns=\"http://www.w3.org/1999/xhtml\">Redacted by Custos (Safe Harbor de-identification).</div>";

    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> InstantElements = new(StringComparer.Ordinal) { "issued", "lastUpdated", "recorded", "timestamp", "instant" };

    private static readonly HashSet<string> FreeTextElements = new(StringComparer.Ordinal) { "valueString", "comment", "description", "conclusion", "note", "patientInstruction", "summary" };

    /// <summary>De-identifies one JSON document.</summary>
    /// <param name="input">UTF-8 JSON.</param>
    /// <param name="output">Where the result goes.</param>
    /// <param name="options">Rules and method.</param>
    /// <param name="fhir">Apply the FHIR R4 rules (resources and bundles); otherwise the plain-JSON rules.</param>
    /// <returns>The change report.</returns>
    /// <exception cref="InvalidDataException">Malformed JSON, with the line and byte position.</exception>
    public static DeidentificationReport Run(Stream input, Stream output, DeidentificationOptions options, bool fhir)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        return fhir ? FhirDeidentifier.Run(input, output, options, CancellationToken.None) : RunPlain(input, output, options);
    }

    /// <summary>
    /// The FHIR path before Firely carried it (ADR 0025): the whole document as <see cref="JsonNode"/>s, rules by JSON
    /// property names. Kept only to measure the Firely path against it in the same run (tests and benchmarks).
    /// </summary>
    internal static DeidentificationReport RunJsonNodeFhir(Stream input, Stream output, DeidentificationOptions options)
    {
        var root = JsonNode.Parse(input, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        var report = new DeidentificationReport(options.Method);
        var transformer = new FieldTransformer(options, report);
        CollectKnownIdentifiers(root!, transformer.Text);
        root = new FhirWalker(transformer, report).Visit(root, "resource", parentKind: null) ?? root;
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        root!.WriteTo(writer, WriteOptions);
        return report;
    }

    /// <summary>
    /// Plain JSON, streamed: a top-level array one element at a time, a top-level object one property at a time with
    /// each array-valued property one element at a time (<see cref="JsonStreamCursor"/>); memory is bounded by the
    /// largest element, not the document.
    /// </summary>
    private static DeidentificationReport RunPlain(Stream input, Stream output, DeidentificationOptions options)
    {
        var report = new DeidentificationReport(options.Method);
        var transformer = new FieldTransformer(options, report);
        using var cursor = new JsonStreamCursor(input);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true });
        switch (cursor.Peek())
        {
            case JsonTokenType.None:
                throw new InvalidDataException("not valid JSON: the document is empty");
            case JsonTokenType.StartArray:
                cursor.Read();
                StreamArray(cursor, writer, null, transformer, report);
                break;
            case JsonTokenType.StartObject:
                cursor.Read();
                report.AddRecords(1);
                writer.WriteStartObject();
                while (cursor.Read() && cursor.TokenType == JsonTokenType.PropertyName)
                {
                    var name = cursor.GetString()!;
                    writer.WritePropertyName(name);
                    if (cursor.Peek() == JsonTokenType.StartArray)
                    {
                        cursor.Read();
                        StreamArray(cursor, writer, name, transformer, report);
                    }
                    else
                    {
                        cursor.ReadValue();
                        Write(writer, VisitPlain(Parse(cursor), name, name, transformer, report));
                    }
                }

                writer.WriteEndObject();
                break;
            default:
                cursor.ReadValue();
                Write(writer, VisitPlain(Parse(cursor), null, null, transformer, report));
                break;
        }

        if (cursor.Read())
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"not valid JSON: more content after the document at byte {cursor.TokenOffset + 1}"));
        }

        writer.Flush();
        return report;
    }

    /// <summary>The elements of an array whose start was just read, each parsed, cleaned and written before the next.</summary>
    private static void StreamArray(JsonStreamCursor cursor, Utf8JsonWriter writer, string? name, FieldTransformer transformer, DeidentificationReport report)
    {
        writer.WriteStartArray();
        while (cursor.ReadValue() && cursor.TokenType != JsonTokenType.EndArray)
        {
            Write(writer, VisitPlain(Parse(cursor), name, name, transformer, report));
            if (writer.BytesPending > 1 << 16)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
    }

    private static JsonNode? Parse(JsonStreamCursor cursor) =>
        JsonNode.Parse(cursor.Value.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });

    private static void Write(Utf8JsonWriter writer, JsonNode? node) => (node ?? JsonValue.Create((string?)null))!.WriteTo(writer, WriteOptions);

    /// <summary>
    /// De-identifies newline-delimited JSON (NDJSON, the FHIR bulk-data format): one document per line, each read,
    /// cleaned and written before the next, so memory stays flat however long the file is.
    /// </summary>
    /// <param name="input">UTF-8 NDJSON.</param>
    /// <param name="output">Where the result goes, one document per line.</param>
    /// <param name="options">Rules and method.</param>
    /// <param name="fhir">Each line is a FHIR R4 resource; otherwise plain JSON.</param>
    /// <param name="cancellationToken">Stops between lines.</param>
    /// <returns>The change report.</returns>
    /// <exception cref="InvalidDataException">A line is not valid JSON (or not a FHIR resource), with its number.</exception>
    public static DeidentificationReport RunLines(Stream input, Stream output, DeidentificationOptions options, bool fhir, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var report = new DeidentificationReport(options.Method);
        var transformer = new FieldTransformer(options, report);
        using var reader = new StreamReader(input, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        var fhirRules = fhir ? new FhirSafeHarbor(transformer, report) : null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: not valid JSON at byte {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}"), ex);
            }

            if (fhir)
            {
                if (node is not JsonObject resource || resource["resourceType"] is null)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: not a FHIR resource (no resourceType)"));
                }

                FhirDeidentifier.Line(Encoding.UTF8.GetBytes(line), lineNumber, writer, fhirRules!);
            }
            else
            {
                node = VisitPlain(node, null, null, transformer, report);
                (node ?? JsonValue.Create((string?)null))!.WriteTo(writer, WriteOptions);
            }

            writer.Flush();
            output.WriteByte((byte)'\n');
            writer.Reset(output);
        }

        return report;
    }

    private static JsonNode? VisitPlain(JsonNode? node, string? path, string? name, FieldTransformer transformer, DeidentificationReport report)
    {
        switch (node)
        {
            case JsonObject obj:
                report.AddRecords(name is null ? 1 : 0);
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var visited = VisitPlain(obj[key], path is null ? key : path + "." + key, key, transformer, report);
                    if (!ReferenceEquals(visited, obj[key]))
                    {
                        obj[key] = visited;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var visited = VisitPlain(array[i], path, name, transformer, report);
                    if (!ReferenceEquals(visited, array[i]))
                    {
                        array[i] = visited;
                    }
                }

                return array;
            case JsonValue value:
                var rule = name is null ? FieldRule.FreeText : transformer.RuleFor(path!, name);
                if (value.TryGetValue<string>(out var text))
                {
                    var cleaned = transformer.Apply(rule, text);
                    return ReferenceEquals(cleaned, text) ? value : JsonValue.Create(cleaned);
                }

                if (rule == FieldRule.Age && value.TryGetValue<int>(out var age))
                {
                    return age >= 90 ? JsonValue.Create(transformer.Apply(FieldRule.Age, age.ToString(CultureInfo.InvariantCulture))) : value;
                }

                return rule is FieldRule.Redact or FieldRule.Pseudonym ? JsonValue.Create(transformer.Apply(rule, value.ToJsonString())) : value;
            default:
                return node;
        }
    }

    /// <summary>
    /// The names, identifiers, telecom values and street lines of every Patient and RelatedPerson in the document, so
    /// that free text (notes, attachments) loses them even where no detector would recognize them.
    /// </summary>
    private static void CollectKnownIdentifiers(JsonNode root, TextRedactor text)
    {
        foreach (var resource in Resources(root))
        {
            var type = resource["resourceType"]?.GetValue<string>();
            if (type is not ("Patient" or "RelatedPerson" or "Person"))
            {
                continue;
            }

            foreach (var name in resource["name"]?.AsArray() ?? [])
            {
                AddStrings(text, PhiType.Name, name?["family"]);
                AddStrings(text, PhiType.Name, name?["given"]);
                AddStrings(text, PhiType.Name, name?["text"]);
            }

            foreach (var identifier in resource["identifier"]?.AsArray() ?? [])
            {
                AddStrings(text, PhiType.OtherId, identifier?["value"]);
            }

            foreach (var telecom in resource["telecom"]?.AsArray() ?? [])
            {
                AddStrings(text, PhiType.Phone, telecom?["value"]);
            }

            foreach (var address in resource["address"]?.AsArray() ?? [])
            {
                AddStrings(text, PhiType.Address, address?["line"]);
                AddStrings(text, PhiType.Address, address?["city"]);
            }
        }
    }

    private static IEnumerable<JsonObject> Resources(JsonNode root)
    {
        if (root is not JsonObject obj)
        {
            yield break;
        }

        if (obj["resourceType"]?.GetValue<string>() == "Bundle")
        {
            foreach (var entry in obj["entry"]?.AsArray() ?? [])
            {
                if (entry?["resource"] is JsonObject inner)
                {
                    foreach (var nested in Resources(inner))
                    {
                        yield return nested;
                    }
                }
            }
        }
        else
        {
            yield return obj;
        }
    }

    private static void AddStrings(TextRedactor text, PhiType type, JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    AddStrings(text, type, item);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                text.AddKnown(type, s);
                break;
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?$")]
    private static partial Regex FhirDatePattern();

    private sealed class FhirWalker(FieldTransformer transformer, DeidentificationReport report)
    {
        public JsonNode? Visit(JsonNode? node, string key, string? parentKind)
        {
            switch (node)
            {
                case JsonArray array:
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        var item = Visit(array[i], key, parentKind);
                        if (item is null)
                        {
                            array.RemoveAt(i);
                        }
                        else if (!ReferenceEquals(item, array[i]))
                        {
                            array[i] = item;
                        }
                    }

                    // FHIR forbids empty arrays: an element whose every item was removed goes too.
                    return array.Count == 0 ? null : array;
                case JsonObject obj:
                    return VisitObject(obj, key);
                case JsonValue value when value.TryGetValue<string>(out var text):
                    return VisitString(text, key, parentKind, value);
                default:
                    return node;
            }
        }

        private JsonObject? VisitObject(JsonObject obj, string key)
        {
            if (obj["resourceType"] is JsonValue type && type.TryGetValue<string>(out _))
            {
                report.AddRecords(1);
            }

            // Geolocation (latitude and longitude) is a geographic subdivision smaller than a State: removed whole.
            if (key is "extension" or "modifierExtension" && obj["url"]?.GetValue<string>() is { } url
                && url.Contains("geolocation", StringComparison.OrdinalIgnoreCase))
            {
                report.Count("fhir:geolocation-removed");
                return null;
            }

            var kind = key switch
            {
                "name" when obj.ContainsKey("family") || obj.ContainsKey("given") || obj.ContainsKey("text") && !obj.ContainsKey("coding") => "HumanName",
                "telecom" => "ContactPoint",
                "note" => "Annotation",
                "address" or "valueAddress" => "Address",
                "identifier" => "Identifier",
                "text" when obj.ContainsKey("div") => "Narrative",
                "content" or "attachment" or "valueAttachment" or "photo" when obj.ContainsKey("data") || obj.ContainsKey("attachment") => "Attachment",
                _ => null,
            };

            if (kind == "Narrative")
            {
                obj["div"] = RedactedNarrative;
                report.Count("fhir:narrative-replaced");
                return obj;
            }

            if (kind == "Attachment" && obj["data"] is JsonValue data && data.TryGetValue<string>(out var base64))
            {
                obj["data"] = CleanAttachment(obj, base64);
            }

            if (obj["url"]?.GetValue<string>() is { } extensionUrl && extensionUrl.EndsWith("mothersMaidenName", StringComparison.Ordinal) && obj.ContainsKey("valueString"))
            {
                obj["valueString"] = transformer.Apply(FieldRule.Redact, obj["valueString"]!.GetValue<string>());
            }

            foreach (var property in obj.Select(p => p.Key).ToList())
            {
                if (property == "data" && kind == "Attachment")
                {
                    continue;
                }

                var visited = Visit(obj[property], property, kind ?? (property == "display" && obj.ContainsKey("reference") ? "Reference" : null));
                if (visited is null)
                {
                    obj.Remove(property);
                }
                else if (!ReferenceEquals(visited, obj[property]))
                {
                    obj[property] = visited;
                }
            }

            // An extension left with its url and neither a value nor sub-extensions is not valid FHIR (ext-1): removed.
            if (key is "extension" or "modifierExtension" && obj.Count == 1 && obj.ContainsKey("url"))
            {
                return null;
            }

            return obj;
        }

        private JsonValue CleanAttachment(JsonObject obj, string base64)
        {
            var contentType = obj["contentType"]?.GetValue<string>() ?? string.Empty;
            if (!contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            {
                // Images (full-face photographs among them) and other binaries cannot be checked: removed.
                report.Count("fhir:attachment-removed");
                return JsonValue.Create(string.Empty);
            }

            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(base64));
            }
            catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
            {
                report.Count("fhir:attachment-removed");
                return JsonValue.Create(string.Empty);
            }

            var cleaned = transformer.Text.Clean(UuidPattern().Replace(text, m => transformer.Pseudonymizer.Uuid(m.Value)));
            report.Count("fhir:attachment-text-cleaned");
            return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(cleaned)));
        }

        private JsonValue VisitString(string text, string key, string? parentKind, JsonValue original)
        {
            switch (parentKind)
            {
                case "HumanName" when key is "family" or "given" or "text" or "prefix" or "suffix":
                    return JsonValue.Create(transformer.Apply(FieldRule.Redact, text));
                case "ContactPoint" when key == "value":
                    return JsonValue.Create(transformer.Apply(FieldRule.Redact, text));
                case "Address" when key is "line" or "city" or "district" or "text":
                    return JsonValue.Create(transformer.Apply(FieldRule.Redact, text));
                case "Address" when key == "postalCode":
                    return JsonValue.Create(transformer.Apply(FieldRule.Zip, text));
                case "Identifier" when key == "value":
                    report.Count("fhir:identifier-coded");
                    return JsonValue.Create(text.Length >= 36 && UuidPattern().IsMatch(text) ? UuidPattern().Replace(text, m => transformer.Pseudonymizer.Uuid(m.Value)) : transformer.Pseudonymizer.Code(PhiType.OtherId, text));
                case "Annotation" when key == "text":
                    return Cleaned(text, original);
                case "Reference" when key == "display":
                    // The display of a reference names what it points to: the patient, a relative, a practitioner.
                    return JsonValue.Create(transformer.Apply(FieldRule.Redact, text));
            }

            if (key == "birthDate")
            {
                return JsonValue.Create(transformer.Apply(FieldRule.BirthDate, text));
            }

            if (key is "id" or "fullUrl" or "reference" || (text.Length >= 36 && key is not ("system" or "code") && UuidPattern().IsMatch(text)))
            {
                var replaced = UuidPattern().Replace(text, m => transformer.Pseudonymizer.Uuid(m.Value));
                if (!string.Equals(replaced, text, StringComparison.Ordinal))
                {
                    report.Count("fhir:id-coded");
                    return JsonValue.Create(replaced);
                }

                return original;
            }

            if (text.Length >= 7 && char.IsAsciiDigit(text[0]) && FhirDatePattern().IsMatch(text))
            {
                var year = transformer.Date(text, birth: false);
                // Elements of type instant (and DocumentReference.date, an instant in R4) must keep a full timestamp to stay
                // valid FHIR: the year becomes January 1 at midnight UTC, which says no more than the year.
                if ((InstantElements.Contains(key) || (key == "date" && text.Contains('T', StringComparison.Ordinal))) && year.Length == 4)
                {
                    return JsonValue.Create(year + "-01-01T00:00:00Z");
                }

                return JsonValue.Create(year);
            }

            return FreeTextElements.Contains(key) ? Cleaned(text, original) : original;
        }

        private JsonValue Cleaned(string text, JsonValue original)
        {
            var cleaned = transformer.Text.Clean(text);
            return ReferenceEquals(cleaned, text) ? original : JsonValue.Create(cleaned);
        }
    }
}
