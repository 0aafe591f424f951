using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Custos.Phi.Deidentification;

/// <summary>
/// The Safe Harbor rules of 45 CFR 164.514(b)(2) applied to FHIR R4 resources parsed by Firely's SDK
/// (<c>Hl7.Fhir.R4</c>) into POCOs, decided by FHIR data type rather than by JSON property names: HumanName,
/// Address (ZIP3, restricted areas to 000), ContactPoint, Identifier, date/dateTime/instant to the year, birthDate
/// with the 90-or-older rule, Age over 89, Attachment (text decoded, scanned and re-encoded; other content removed),
/// Narrative replaced, free-text strings and markdown scanned, geolocation removed, Reference displays removed, and
/// every resource id and UUID reference replaced by a keyed UUID so the bundle still links.
/// </summary>
internal sealed partial class FhirSafeHarbor(FieldTransformer transformer, DeidentificationReport report)
{
    internal const string RedactedNarrative = "<div xmlns=\"http://www.w3.org/1999/xhtml\">Redacted by Custos (Safe Harbor de-identification).</div>";

    /// <summary>Recoverable: unknown elements and bad values are kept aside (overflow) instead of failing; the walker drops them.</summary>
    internal static readonly BaseFhirJsonDeserializer Deserializer = new(ModelInfo.ModelInspector, new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    internal static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    /// <summary>
    /// Adds the names, identifiers, telecom values and street lines of every Patient, RelatedPerson and Person in
    /// <paramref name="node"/> (a resource, a bundle entry, a bundle) as known values: free text loses them even
    /// where no detector would find them (Synthea's <c>Antonia30</c>).
    /// </summary>
    internal static void CollectKnown(Base node, TextRedactor text)
    {
        switch (node)
        {
            case Bundle bundle:
                foreach (var entry in bundle.Entry)
                {
                    CollectKnown(entry, text);
                }

                return;
            case Bundle.EntryComponent { Resource: { } resource }:
                CollectKnown(resource, text);
                return;
            case Patient p:
                Collect(text, p.Name, p.Identifier, p.Telecom, p.Address);
                return;
            case RelatedPerson r:
                Collect(text, r.Name, r.Identifier, r.Telecom, r.Address);
                return;
            case Person person:
                Collect(text, person.Name, person.Identifier, person.Telecom, person.Address);
                return;
        }
    }

    private static void Collect(TextRedactor text, List<HumanName> names, List<Identifier> identifiers, List<ContactPoint> telecom, List<Address> addresses)
    {
        foreach (var name in names)
        {
            Add(text, PhiType.Name, name.Family);
            Add(text, PhiType.Name, name.Text);
            foreach (var given in name.Given)
            {
                Add(text, PhiType.Name, given);
            }
        }

        foreach (var identifier in identifiers)
        {
            Add(text, PhiType.OtherId, identifier.Value);
        }

        foreach (var contact in telecom)
        {
            Add(text, PhiType.Phone, contact.Value);
        }

        foreach (var address in addresses)
        {
            Add(text, PhiType.Address, address.City);
            foreach (var line in address.Line)
            {
                Add(text, PhiType.Address, line);
            }
        }
    }

    private static void Add(TextRedactor text, PhiType type, string? value)
    {
        if (value is not null)
        {
            text.AddKnown(type, value);
        }
    }

    /// <summary>Values known to identify someone in this data set, removed from free text wherever they occur.</summary>
    internal TextRedactor Known => transformer.Text;

    /// <summary>De-identifies a resource, a bundle entry or any other element in place.</summary>
    /// <param name="node">The element.</param>
    /// <param name="countRecord">Count a resource as a record (false for the trailing part of a streamed Bundle).</param>
    public void Apply(Base node, bool countRecord = true)
    {
        _countRecords = countRecord;
        Visit(node, string.Empty, null);
        _countRecords = true;
    }

    private bool _countRecords = true;

    /// <summary>Visits one element; false when the element must be removed from its parent.</summary>
    private bool Visit(Base node, string name, Base? parent)
    {
        if (node.HasOverflow)
        {
            // Elements Firely does not know, or values it could not read: nothing says what they hold, so they go.
            node.ClearOverflow();
            report.Count("fhir:unrecognized-element-removed");
        }

        if (node is PrimitiveType primitive)
        {
            var keep = VisitPrimitive(primitive, name, parent);
            if (keep && primitive is Element { Extension.Count: > 0 } withExtensions)
            {
                VisitList(withExtensions.Extension, "extension", primitive);
            }

            return keep;
        }

        switch (node)
        {
            case Resource when _countRecords:
                report.AddRecords(1);
                break;
            case Narrative narrative:
                // 45 CFR 164.514(b)(2)(i): the human-readable narrative repeats the identifiers; replaced whole.
                narrative.Div = RedactedNarrative;
                report.Count("fhir:narrative-replaced");
                return true;
            case Extension extension when extension.Url is { } url && url.Contains("geolocation", StringComparison.OrdinalIgnoreCase):
                // Latitude and longitude are a geographic subdivision smaller than a State (164.514(b)(2)(i)(B)).
                report.Count("fhir:geolocation-removed");
                return false;
            case Location.PositionComponent:
                report.Count("fhir:geolocation-removed");
                return false;
            case Attachment attachment:
                CleanAttachment(attachment);
                break;
            case Binary binary:
                binary.Data = CleanContent(binary.ContentType, binary.Data, out _);
                break;
            case Age { Value: >= 90 } age:
                // 164.514(b)(2)(i)(C): ages over 89 are aggregated into "90 or older".
                age.Value = 90;
                age.Comparator = Quantity.QuantityComparator.GreaterOrEqual;
                report.Count("field:age-90-or-older");
                break;
        }

        foreach (var (childName, value) in node.EnumerateElements().ToList())
        {
            switch (value)
            {
                case Base child when !Visit(child, childName, node):
                    node.SetValue(childName, null);
                    break;
                case IList list and not Base:
                    VisitList(list, childName, node);
                    break;
            }
        }

        // An extension left with its url and neither a value nor sub-extensions is not valid FHIR (ext-1): removed.
        return node is not Extension { Value: null, Extension.Count: 0 };
    }

    private void VisitList(IList list, string name, Base parent)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i] is Base item && !Visit(item, name, parent))
            {
                list.RemoveAt(i);
            }
        }
    }

    private bool VisitPrimitive(PrimitiveType value, string name, Base? parent)
    {
        if (value.JsonValue is null)
        {
            return true;
        }

        switch (parent)
        {
            case HumanName when name is "family" or "given" or "text" or "prefix" or "suffix":
            case ContactPoint when name == "value":
            case Address when name is "line" or "city" or "district" or "text":
            case ResourceReference when name == "display":
            case Annotation when name == "author":
            case Extension { Url: { } url } when name == "value" && url.EndsWith("mothersMaidenName", StringComparison.Ordinal) && value is FhirString:
                // 164.514(b)(2)(i)(A), (B), (D)-(E): names, street, city, telephone and e-mail; a reference's display names its target.
                return Set(value, transformer.Apply(FieldRule.Redact, (string)value.JsonValue));
            case Address when name == "postalCode":
                return Set(value, transformer.Apply(FieldRule.Zip, (string)value.JsonValue));
            case Identifier when name == "value":
                // 164.514(b)(2)(i)(H)-(L), (R): record, plan, account and other numbers become keyed codes (164.514(c)).
                report.Count("fhir:identifier-coded");
                var text = (string)value.JsonValue;
                return Set(value, text.Length >= 36 && UuidPattern().IsMatch(text) ? ReplaceUuids(text) : transformer.Pseudonymizer.Code(PhiType.OtherId, text));
            case ResourceReference when name == "reference":
                // A reference is an address inside the data set, not text: only its UUIDs change, so the bundle still links.
                var reference = (string)value.JsonValue;
                if (reference.Length >= 36 && UuidPattern().IsMatch(reference))
                {
                    report.Count("fhir:id-coded");
                    value.JsonValue = ReplaceUuids(reference);
                }

                return true;
            case Coding:
            case CodeableConcept when name == "text":
            case Quantity when name is "unit" or "code" or "system":
                return true; // terminology and metadata: codes and their displays, not identifiers
        }

        switch (value)
        {
            case Date { JsonValue: string date }:
                return SetDate(value, date, birth: name == "birthDate");
            case FhirDateTime { JsonValue: string dateTime }:
                return SetDate(value, dateTime, birth: false);
            case Instant instant when instant.Value is { } at:
                // An instant must keep a full timestamp: January 1 of the year at midnight UTC says no more than the year.
                if (transformer.Options.Method == DeidentificationMethod.DateShiftNotSafeHarbor)
                {
                    report.Count("field:date-shifted-not-safe-harbor");
                    instant.JsonValue = at.AddDays(transformer.Options.DateShiftDays).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);
                }
                else
                {
                    report.Count("field:date-to-year");
                    instant.JsonValue = string.Create(CultureInfo.InvariantCulture, $"{at.UtcDateTime.Year:D4}-01-01T00:00:00Z");
                }

                return true;
            case Id or FhirUri or FhirUrl or Canonical or Uuid or Oid:
                var uri = value.JsonValue as string;
                if (uri is { Length: >= 36 } && UuidPattern().IsMatch(uri))
                {
                    report.Count("fhir:id-coded");
                    value.JsonValue = ReplaceUuids(uri);
                }

                return true;
            case FhirString or Markdown:
                var s = (string)value.JsonValue;
                if (s.Length >= 36 && UuidPattern().IsMatch(s))
                {
                    report.Count("fhir:id-coded");
                    s = ReplaceUuids(s);
                }

                // Free text anywhere (notes, descriptions, comments, names of things): scanned, identifiers removed.
                var cleaned = transformer.Text.Clean(s);
                if (!ReferenceEquals(cleaned, (string)value.JsonValue))
                {
                    value.JsonValue = cleaned;
                }

                return true;
            case Base64Binary when parent is not (Attachment or Binary):
                // Signatures and other opaque content cannot be checked: removed.
                report.Count("fhir:attachment-removed");
                return false;
            default:
                return true; // codes, numbers, booleans, times of day
        }
    }

    private static bool Set(PrimitiveType value, string replacement)
    {
        value.JsonValue = replacement;
        return true;
    }

    private bool SetDate(PrimitiveType value, string text, bool birth)
    {
        // 164.514(b)(2)(i)(C): all elements of dates except the year; birth dates of people 90 or older aggregated.
        var result = transformer.Date(text, birth);
        if (result == "REDACTED")
        {
            return false; // not a date Custos can read: the element goes rather than stay or become invalid FHIR
        }

        value.JsonValue = result;
        return true;
    }

    private void CleanAttachment(Attachment attachment)
    {
        if (attachment.Data is null)
        {
            return;
        }

        attachment.Data = CleanContent(attachment.ContentType, attachment.Data, out var changed);
        if (changed)
        {
            // The size and hash describe the original content: both would be wrong, and the hash confirms a guess.
            attachment.Size = null;
            attachment.SizeElement = null;
            attachment.Hash = null;
        }
    }

    /// <summary>Text content decoded, scanned and re-encoded; anything else (images, full-face photographs, PDFs) removed.</summary>
    private byte[]? CleanContent(string? contentType, byte[]? data, out bool changed)
    {
        changed = false;
        if (data is null)
        {
            return null;
        }

        changed = true;
        if (contentType is null || !contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            report.Count("fhir:attachment-removed");
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            report.Count("fhir:attachment-removed");
            return null;
        }

        var cleaned = transformer.Text.Clean(ReplaceUuids(text));
        report.Count("fhir:attachment-text-cleaned");
        return Encoding.UTF8.GetBytes(cleaned);
    }

    private string ReplaceUuids(string text) => UuidPattern().Replace(text, m => transformer.Pseudonymizer.Uuid(m.Value));

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UuidPattern();

    /// <summary>A short description of Firely's parse errors: codes and element paths, never values.</summary>
    internal static string Describe(IEnumerable<Hl7.Fhir.Utility.CodedException>? errors) =>
        errors is null
            ? "unreadable"
            : string.Join("; ", errors.Take(3).Select(e => e is Hl7.Fhir.Utility.ExtendedCodedException { InstancePath: { Length: > 0 } path }
                ? string.Create(CultureInfo.InvariantCulture, $"{e.ErrorCode} at {path}")
                : e.ErrorCode));
}
