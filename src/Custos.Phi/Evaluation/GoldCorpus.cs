using System.Text;
using System.Text.Json;

namespace Custos.Phi.Evaluation;

/// <summary>
/// Reads and writes annotated texts. The Custos gold format is JSON Lines, one text per line:
/// <c>{"kind":"progress-note","text":"...","spans":[{"start":12,"end":23,"type":"SSN"}]}</c>, offsets in UTF-16 code
/// units, end exclusive, types as in <see cref="PhiTypes"/>. The presidio-research format (a JSON array of
/// <c>{full_text, spans:[{entity_type, start_position, end_position}]}</c>) is read too, its entity types mapped to
/// ours where they mean the same thing (<see cref="PresidioTypes"/>) and the rest ignored.
/// </summary>
public static class GoldCorpus
{
    /// <summary>presidio-research entity types and the Custos type each one is scored as; absent types are ignored.</summary>
    public static IReadOnlyDictionary<string, PhiType> PresidioTypes { get; } = new Dictionary<string, PhiType>(StringComparer.Ordinal)
    {
        ["PERSON"] = PhiType.Name,
        ["STREET_ADDRESS"] = PhiType.Address,
        ["ADDRESS"] = PhiType.Address,
        ["ZIP_CODE"] = PhiType.Address,
        ["PHONE_NUMBER"] = PhiType.Phone,
        ["EMAIL_ADDRESS"] = PhiType.Email,
        ["US_SSN"] = PhiType.Ssn,
        ["IP_ADDRESS"] = PhiType.IpAddress,
        ["DATE_TIME"] = PhiType.Date,
        ["US_DRIVER_LICENSE"] = PhiType.LicenseNumber,
        ["DOMAIN_NAME"] = PhiType.Url,
        ["CREDIT_CARD"] = PhiType.AccountNumber,
        ["IBAN_CODE"] = PhiType.AccountNumber,
    };

    /// <summary>Reads every <c>*.jsonl</c> (Custos format) and <c>*.json</c> (presidio-research format) file under a directory, or one file.</summary>
    /// <param name="path">A directory or a file.</param>
    /// <returns>The texts, files in ordinal order of their paths.</returns>
    /// <exception cref="InvalidDataException">A file is malformed; the message names the file and the line or position.</exception>
    public static IReadOnlyList<AnnotatedText> Load(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList()
            : [path];
        var result = new List<AnnotatedText>();
        foreach (var file in files)
        {
            if (file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                using var reader = new StreamReader(file, new UTF8Encoding(false, true));
                result.AddRange(ReadJsonLines(reader, file));
            }
            else
            {
                result.AddRange(ReadPresidio(File.ReadAllText(file, new UTF8Encoding(false, true)), file));
            }
        }

        return result;
    }

    /// <summary>Reads the Custos gold format.</summary>
    /// <param name="reader">JSON Lines.</param>
    /// <param name="name">The source's name, for error messages.</param>
    /// <returns>The texts.</returns>
    public static IEnumerable<AnnotatedText> ReadJsonLines(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            AnnotatedText text;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var content = root.GetProperty("text").GetString() ?? string.Empty;
                var kind = root.TryGetProperty("kind", out var k) ? k.GetString() ?? string.Empty : string.Empty;
                var spans = new List<AnnotatedSpan>();
                foreach (var span in root.GetProperty("spans").EnumerateArray())
                {
                    var typeName = span.GetProperty("type").GetString();
                    if (!PhiTypes.TryParse(typeName, out var type))
                    {
                        throw new InvalidDataException($"unknown type '{typeName}'");
                    }

                    var start = span.GetProperty("start").GetInt32();
                    var end = span.GetProperty("end").GetInt32();
                    if (start < 0 || end <= start || end > content.Length)
                    {
                        throw new InvalidDataException($"span [{start},{end}) is outside the text");
                    }

                    spans.Add(new AnnotatedSpan(start, end, type));
                }

                text = new AnnotatedText(content, spans, kind);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or InvalidDataException or FormatException)
            {
                throw new InvalidDataException($"{name}, line {lineNumber}: {ex.Message}", ex);
            }

            yield return text;
        }
    }

    /// <summary>Writes texts in the Custos gold format.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="writer">Where to write JSON Lines.</param>
    public static void WriteJsonLines(IEnumerable<AnnotatedText> texts, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var text in texts)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("kind", text.Kind);
                json.WriteString("text", text.Text);
                json.WriteStartArray("spans");
                foreach (var span in text.Spans)
                {
                    json.WriteStartObject();
                    json.WriteNumber("start", span.Start);
                    json.WriteNumber("end", span.End);
                    json.WriteString("type", PhiTypes.Name(span.Type));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static bool IsYearOrWeekday(ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 4 && !trimmed.ContainsAnyExceptInRange('0', '9'))
        {
            return true;
        }

        foreach (var day in Weekdays)
        {
            if (trimmed.Equals(day, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTitleOnly(ReadOnlySpan<char> span) =>
        span.TrimEnd('.') is { Length: > 0 } word && !word.ContainsAny(' ', '.') && Detection.Lexicon.Titles.Contains(word);

    /// <summary>
    /// Reads the presidio-research format; GPE, LOCATION and AGE spans, DATE_TIME spans that are a bare year or a
    /// weekday, and PERSON spans that are only a courtesy title ("Mr.", "Dr.") become ignored regions; other unmapped
    /// types are dropped.
    /// </summary>
    /// <param name="json">The JSON array.</param>
    /// <param name="name">The source's name, for error messages.</param>
    /// <returns>The texts.</returns>
    public static IReadOnlyList<AnnotatedText> ReadPresidio(string json, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var result = new List<AnnotatedText>();
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                var text = item.GetProperty("full_text").GetString() ?? string.Empty;
                var spans = new List<AnnotatedSpan>();
                var ignored = new List<(int, int)>();
                foreach (var span in item.GetProperty("spans").EnumerateArray())
                {
                    var start = span.GetProperty("start_position").GetInt32();
                    var end = span.GetProperty("end_position").GetInt32();
                    var entity = span.GetProperty("entity_type").GetString() ?? string.Empty;
                    if (entity == "DATE_TIME" && IsYearOrWeekday(text.AsSpan(start, end - start)))
                    {
                        // A bare year or a weekday is not a Safe Harbor identifier: 164.514(b)(2)(i)(C) keeps the year.
                        ignored.Add((start, end));
                    }
                    else if (entity == "PERSON" && IsTitleOnly(text.AsSpan(start, end - start)))
                    {
                        // "[Mr.] Ford": presidio-research marks a courtesy title as a PERSON span of its own. A title
                        // names no one (164.514(b)(2)(i)(A) is about names), and Custos keeps it outside the name.
                        ignored.Add((start, end));
                    }
                    else if (PresidioTypes.TryGetValue(entity, out var type))
                    {
                        spans.Add(new AnnotatedSpan(start, end, type));
                    }
                    else if (entity is "GPE" or "AGE" or "LOCATION")
                    {
                        // Places (countries and cities alike) and ages of any value: our ADDRESS and AGE_OVER_89 cover
                        // only part of them, so findings there are neither credited nor charged.
                        ignored.Add((start, end));
                    }
                }

                spans.Sort((a, b) => a.Start.CompareTo(b.Start));
                result.Add(new AnnotatedText(text, spans, "presidio", ignored));
            }

            return result;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{name}: not in the presidio-research format ({ex.Message})", ex);
        }
    }
}
