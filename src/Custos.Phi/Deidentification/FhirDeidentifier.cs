using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace Custos.Phi.Deidentification;

/// <summary>
/// FHIR R4 JSON de-identified through Firely's SDK, streamed: a Bundle's <c>entry</c> array is read one entry at a
/// time (<see cref="JsonStreamCursor"/>), each entry parsed by Firely into POCOs, cleaned by <see cref="FhirSafeHarbor"/>
/// and serialized by Firely straight into the output before the next is read, so memory is bounded by the largest
/// entry, not the bundle. A first pass over the same stream collects the Patients' names and identifiers so that free
/// text anywhere in the bundle loses them (the input is spooled to a temporary file when it cannot seek).
/// </summary>
internal static class FhirDeidentifier
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly byte[] EntryProperty = "entry"u8.ToArray();

    public static DeidentificationReport Run(Stream input, Stream output, DeidentificationOptions options, CancellationToken cancellationToken)
    {
        if (!input.CanSeek)
        {
            // Two passes need to read the input twice: a pipe is copied to a temporary file first (deleted on close).
            using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            input.CopyTo(spool);
            spool.Position = 0;
            return Run(spool, output, options, cancellationToken);
        }

        var report = new DeidentificationReport(options.Method);
        var transformer = new FieldTransformer(options, report);
        var start = input.Position;
        CollectKnown(input, transformer.Text, cancellationToken);
        input.Position = start;
        var rules = new FhirSafeHarbor(transformer, report);

        using var cursor = new JsonStreamCursor(input);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        if (!cursor.Read() || cursor.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("not a FHIR resource: the document is not a JSON object");
        }

        var properties = new List<(string Name, byte[] Value)>();
        string? resourceType = null;
        var streamed = false;
        writer.WriteStartObject();
        while (cursor.Read() && cursor.TokenType == JsonTokenType.PropertyName)
        {
            var name = cursor.GetString()!;
            if (name == "entry" && resourceType == "Bundle" && !streamed)
            {
                WriteResource(properties, resourceType, writer, rules, first: true);
                properties.Clear();
                StreamEntries(cursor, writer, rules, cancellationToken);
                streamed = true;
                continue;
            }

            if (!cursor.ReadValue())
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"not valid JSON: the document ends after the property at byte {cursor.TokenOffset + 1}"));
            }

            if (name == "resourceType")
            {
                resourceType = cursor.GetString();
            }

            properties.Add((name, cursor.Value.ToArray()));
        }

        if (cursor.Read())
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"not valid JSON: more content after the resource at byte {cursor.TokenOffset + 1}"));
        }

        if (resourceType is null)
        {
            throw new InvalidDataException("not a FHIR resource: the top-level object has no resourceType");
        }

        if (!streamed || properties.Count > 0)
        {
            WriteResource(properties, resourceType, writer, rules, first: !streamed);
        }

        writer.WriteEndObject();
        writer.Flush();
        return report;
    }

    /// <summary>
    /// De-identifies one FHIR resource per line (FHIR bulk data NDJSON) with Firely; known values from each Patient
    /// apply to the lines after it.
    /// </summary>
    public static void Line(ReadOnlySpan<byte> utf8, int lineNumber, Utf8JsonWriter writer, FhirSafeHarbor rules)
    {
        var resource = ParseResource(utf8, () => string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}"));
        FhirSafeHarbor.CollectKnown(resource, rules.Known);
        rules.Apply(resource);
        FhirSafeHarbor.Serializer.Serialize(resource, writer);
    }

    private static void StreamEntries(JsonStreamCursor cursor, Utf8JsonWriter writer, FhirSafeHarbor rules, CancellationToken cancellationToken)
    {
        if (!cursor.Read() || cursor.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"not valid FHIR: Bundle.entry at byte {cursor.TokenOffset + 1} is not an array"));
        }

        writer.WritePropertyName(EntryProperty);
        writer.WriteStartArray();
        var index = 0;
        while (cursor.ReadValue() && cursor.TokenType != JsonTokenType.EndArray)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index++;
            var entry = ParseEntry(cursor.Value.Span, index, cursor.TokenOffset);
            rules.Apply(entry);
            FhirSafeHarbor.Serializer.Serialize(entry, writer);
            if (writer.BytesPending > 1 << 16)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
    }

    private static Bundle.EntryComponent ParseEntry(ReadOnlySpan<byte> utf8, int index, long offset)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        // Recoverable mode keeps what it can: an entry whose resource it could not read at all (an unknown resource
        // type) would silently lose its resource, so that is an error too.
        if (!FhirSafeHarbor.Deserializer.TryDeserializeObject(typeof(Bundle.EntryComponent), ref reader, out var parsed, out var errors)
            || parsed is not Bundle.EntryComponent entry
            || (entry.Resource is null && utf8.IndexOf("\"resource\""u8) >= 0)
            || (entry.Resource is { } resource && !ModelInfo.IsKnownResource(resource.TypeName)))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Bundle.entry[{index - 1}] at byte {offset + 1} is not valid FHIR R4 ({FhirSafeHarbor.Describe(errors)})"));
        }

        return entry;
    }

    private static Resource ParseResource(ReadOnlySpan<byte> utf8, Func<string> where)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        if (!FhirSafeHarbor.Deserializer.TryDeserializeResource(ref reader, out var resource, out var errors) || resource is null || !ModelInfo.IsKnownResource(resource.TypeName))
        {
            throw new InvalidDataException($"{where()}: not a valid FHIR R4 resource ({FhirSafeHarbor.Describe(errors)})");
        }

        return resource;
    }

    /// <summary>
    /// Parses the collected top-level properties (everything of a resource, or of a Bundle but its entries) with
    /// Firely, de-identifies them and writes them into the open object. The part of a Bundle after its entries is
    /// parsed as a Bundle too and written without its resourceType.
    /// </summary>
    private static void WriteResource(List<(string Name, byte[] Value)> properties, string resourceType, Utf8JsonWriter writer, FhirSafeHarbor rules, bool first)
    {
        using var shell = new MemoryStream();
        using (var shellWriter = new Utf8JsonWriter(shell, WriterOptions))
        {
            shellWriter.WriteStartObject();
            if (!properties.Exists(p => p.Name == "resourceType"))
            {
                shellWriter.WriteString("resourceType", resourceType);
            }

            foreach (var (name, value) in properties)
            {
                shellWriter.WritePropertyName(name);
                shellWriter.WriteRawValue(value, skipInputValidation: true);
            }

            shellWriter.WriteEndObject();
        }

        var resource = ParseResource(shell.GetBuffer().AsSpan(0, (int)shell.Length), () => first ? resourceType : resourceType + " (after its entries)");
        if (first)
        {
            FhirSafeHarbor.CollectKnown(resource, rules.Known);
        }

        rules.Apply(resource, countRecord: first);
        var serialized = new System.Buffers.ArrayBufferWriter<byte>();
        using (var serializedWriter = new Utf8JsonWriter(serialized, WriterOptions))
        {
            FhirSafeHarbor.Serializer.Serialize(resource, serializedWriter);
        }

        using var document = JsonDocument.Parse(serialized.WrittenMemory);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (first || property.Name != "resourceType")
            {
                property.WriteTo(writer);
            }
        }
    }

    /// <summary>First pass: the names, identifiers, telecom values and street lines of every Patient in the bundle.</summary>
    private static void CollectKnown(Stream input, TextRedactor text, CancellationToken cancellationToken)
    {
        using var cursor = new JsonStreamCursor(input);
        if (!cursor.Read() || cursor.TokenType != JsonTokenType.StartObject)
        {
            return; // the second pass reports the problem
        }

        var bundle = false;
        while (cursor.Read() && cursor.TokenType == JsonTokenType.PropertyName)
        {
            if (cursor.GetString() != "entry" || !bundle)
            {
                var resourceType = cursor.GetString() == "resourceType";
                if (!cursor.ReadValue())
                {
                    return;
                }

                bundle |= resourceType && cursor.GetString() == "Bundle";
                continue;
            }

            if (!cursor.Read() || cursor.TokenType != JsonTokenType.StartArray)
            {
                return;
            }

            var index = 0;
            while (cursor.ReadValue() && cursor.TokenType != JsonTokenType.EndArray)
            {
                cancellationToken.ThrowIfCancellationRequested();
                index++;
                var span = cursor.Value.Span;
                if (span.IndexOf("\"Patient\""u8) >= 0 || span.IndexOf("Person\""u8) >= 0)
                {
                    FhirSafeHarbor.CollectKnown(ParseEntry(span, index, cursor.TokenOffset), text);
                }
            }
        }
    }
}
