using System.Globalization;
using System.Text.Json;
using Custos.Modules.Organization.Contracts;

namespace Custos.Modules.Safeguards.Catalog.Oscal;

/// <summary>One problem in an imported document, at a JSON path such as <c>$.catalog.groups[0].controls[3].title</c>.</summary>
public sealed record OscalImportError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

public enum OscalDocumentType
{
    Catalog,
    Profile,
}

/// <summary>What a valid OSCAL document holds for Custos; nothing is stored by reading it.</summary>
/// <param name="CatalogRequirements">Controls that are requirements of this Custos catalog (a Custos export read back).</param>
/// <param name="CustomRequirements">Every other control, as a custom requirement with its HIPAA mappings.</param>
/// <param name="SelectedKeys">
/// A profile: the requirement keys it selects, in catalog order (custom ones last). A catalog: every key it defines.
/// </param>
public sealed record OscalImport(
    OscalDocumentType DocumentType,
    Guid Uuid,
    string Title,
    string? Version,
    string OscalVersion,
    IReadOnlyList<CatalogRequirement> CatalogRequirements,
    IReadOnlyList<CustomRequirementDefinition> CustomRequirements,
    IReadOnlyList<string> SelectedKeys);

/// <summary>Either the document (no errors) or every error found (and no document): an import is all or nothing.</summary>
public sealed record OscalImportResult(OscalImport? Document, IReadOnlyList<OscalImportError> Errors)
{
    public bool Succeeded => Document is not null && Errors.Count == 0;
}

/// <summary>
/// Reads an OSCAL 1.x <c>catalog</c> or <c>profile</c> (JSON) against a requirement catalog. Pure: it validates and
/// returns a model or errors with JSON paths; the caller decides what to store. Mappings to HIPAA come from a
/// control's props (<c>hipaa-citation</c> in any namespace, or Custos's <c>maps-to</c>) or links with rel
/// <c>maps-to</c> to <c>#hipaa-...</c>; a mapping to a citation the catalog does not have is an error.
/// </summary>
public static class OscalImporter
{
    public const int MaximumErrors = 100;

    private static readonly string[] OtherOscalRoots =
    [
        "component-definition", "system-security-plan", "assessment-plan", "assessment-results",
        "plan-of-action-and-milestones", "mapping-collection",
    ];

    public static OscalImportResult Import(string json, RequirementCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(catalog);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : string.Empty;
            return Failed(new OscalImportError(ex.Path ?? "$", $"the file is not valid JSON{where}. Check it with a JSON validator and export it again."));
        }

        using (document)
        {
            var reader = new Reader(catalog);
            var result = reader.Read(document.RootElement);
            if (reader.Errors.Count > 0)
            {
                var errors = reader.Errors.Take(MaximumErrors).ToList();
                if (reader.Errors.Count > MaximumErrors)
                {
                    errors.Add(new OscalImportError("$", $"and {reader.Errors.Count - MaximumErrors} more errors not shown."));
                }

                return new OscalImportResult(null, errors);
            }

            return new OscalImportResult(result, []);
        }
    }

    private static OscalImportResult Failed(OscalImportError error) => new(null, [error]);

    private sealed record Prop(string Name, string? Ns, string Value, string Path)
    {
        public bool IsCustos => string.Equals(Ns, OscalNames.Namespace, StringComparison.Ordinal);
    }

    private sealed class Reader(RequirementCatalog catalog)
    {
        private readonly Dictionary<string, string> keyByControlId = catalog.Requirements
            .ToDictionary(r => OscalNames.ControlId(r.Key), r => r.Key, StringComparer.Ordinal);

        private readonly HashSet<string> seenIds = new(StringComparer.Ordinal);
        private readonly List<CatalogRequirement> native = [];
        private readonly List<CustomRequirementDefinition> custom = [];
        private string? source;

        public List<OscalImportError> Errors { get; } = [];

        public OscalImport? Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error("$", "an OSCAL document is a JSON object with one 'catalog' or 'profile' property.");
                return null;
            }

            if (root.TryGetProperty("catalog", out var catalogElement))
            {
                return ReadCatalog(catalogElement, "$.catalog");
            }

            if (root.TryGetProperty("profile", out var profileElement))
            {
                return ReadProfile(profileElement, "$.profile");
            }

            var other = OtherOscalRoots.FirstOrDefault(name => root.TryGetProperty(name, out _));
            Error("$", other is not null
                ? $"this is an OSCAL '{other}' document; import takes a 'catalog' or a 'profile'."
                : "not an OSCAL catalog or profile: the top-level object has no 'catalog' or 'profile' property.");
            return null;
        }

        private OscalImport? ReadCatalog(JsonElement element, string path)
        {
            if (!IsObject(element, path))
            {
                return null;
            }

            var header = ReadHeader(element, path);
            source = header?.Title;
            Walk(element, path, parentKey: null);
            if (header is null || Errors.Count > 0)
            {
                return null;
            }

            if (native.Count == 0 && custom.Count == 0)
            {
                Error(path, "the catalog has no controls; there is nothing to import.");
                return null;
            }

            var keys = native.Select(r => r.Key).Concat(custom.Select(c => c.Key)).ToList();
            return new OscalImport(OscalDocumentType.Catalog, header.Uuid, header.Title, header.Version, header.OscalVersion, native, custom, keys);
        }

        private OscalImport? ReadProfile(JsonElement element, string path)
        {
            if (!IsObject(element, path))
            {
                return null;
            }

            var header = ReadHeader(element, path);
            var selected = new List<string>();
            var excluded = new HashSet<string>(StringComparer.Ordinal);
            if (!element.TryGetProperty("imports", out var imports) || imports.ValueKind != JsonValueKind.Array || imports.GetArrayLength() == 0)
            {
                Error(path + ".imports", "a profile imports at least one catalog: 'imports' must be a non-empty array.");
            }
            else
            {
                var i = 0;
                foreach (var import in imports.EnumerateArray())
                {
                    var importPath = $"{path}.imports[{i++}]";
                    if (!IsObject(import, importPath))
                    {
                        continue;
                    }

                    RequiredString(import, "href", importPath);
                    var hasAll = import.TryGetProperty("include-all", out _);
                    var hasSome = import.TryGetProperty("include-controls", out var include);
                    if (hasAll)
                    {
                        selected.AddRange(catalog.Requirements.Select(r => r.Key));
                    }
                    else if (hasSome)
                    {
                        selected.AddRange(ReadSelections(include, importPath + ".include-controls"));
                    }
                    else
                    {
                        Error(importPath, "an import needs 'include-all' or 'include-controls' with 'with-ids'.");
                    }

                    if (import.TryGetProperty("exclude-controls", out var exclude))
                    {
                        excluded.UnionWith(ReadSelections(exclude, importPath + ".exclude-controls"));
                    }
                }
            }

            if (header is null || Errors.Count > 0)
            {
                return null;
            }

            var wanted = selected.Where(k => !excluded.Contains(k)).ToHashSet(StringComparer.Ordinal);
            var ordered = catalog.Requirements.Select(r => r.Key).Where(wanted.Contains)
                .Concat(selected.Where(k => RequirementKey.IsCustom(k) && wanted.Contains(k)).Distinct(StringComparer.Ordinal))
                .ToList();
            return new OscalImport(OscalDocumentType.Profile, header.Uuid, header.Title, header.Version, header.OscalVersion, [], [], ordered);
        }

        private List<string> ReadSelections(JsonElement selections, string path)
        {
            var keys = new List<string>();
            if (selections.ValueKind != JsonValueKind.Array)
            {
                Error(path, "must be an array of selections, each with 'with-ids'.");
                return keys;
            }

            var j = 0;
            foreach (var selection in selections.EnumerateArray())
            {
                var selectionPath = $"{path}[{j++}]";
                if (!IsObject(selection, selectionPath))
                {
                    continue;
                }

                if (!selection.TryGetProperty("with-ids", out var ids) || ids.ValueKind != JsonValueKind.Array)
                {
                    Error(selectionPath, "Custos reads selections by 'with-ids' (an array of control ids); 'matching' patterns are not supported.");
                    continue;
                }

                var k = 0;
                foreach (var id in ids.EnumerateArray())
                {
                    var idPath = $"{selectionPath}.with-ids[{k++}]";
                    var value = id.ValueKind == JsonValueKind.String ? id.GetString()! : null;
                    if (value is null)
                    {
                        Error(idPath, "must be a control id (a string).");
                    }
                    else if (keyByControlId.TryGetValue(value, out var key))
                    {
                        keys.Add(key);
                    }
                    else if (value.StartsWith("custom_", StringComparison.Ordinal) && RequirementKey.IsValidCustom(RequirementKey.CustomPrefix + value["custom_".Length..]))
                    {
                        keys.Add(RequirementKey.CustomPrefix + value["custom_".Length..]);
                    }
                    else
                    {
                        Error(idPath, $"'{value}' is not a control of the Custos HIPAA catalog {catalog.Version} (ids look like 'hipaa-164.308-a-1-ii-A').");
                    }
                }
            }

            return keys;
        }

        private sealed record Header(Guid Uuid, string Title, string? Version, string OscalVersion);

        private Header? ReadHeader(JsonElement element, string path)
        {
            var uuidText = RequiredString(element, "uuid", path);
            Guid uuid = default;
            if (uuidText is not null && !Guid.TryParseExact(uuidText, "D", out uuid))
            {
                Error(path + ".uuid", $"'{uuidText}' is not a UUID.");
            }

            if (!element.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            {
                Error(path + ".metadata", "missing: OSCAL documents carry metadata with title, last-modified, version and oscal-version.");
                return null;
            }

            var metadataPath = path + ".metadata";
            var title = RequiredString(metadata, "title", metadataPath);
            var version = RequiredString(metadata, "version", metadataPath);
            var oscalVersion = RequiredString(metadata, "oscal-version", metadataPath);
            if (oscalVersion is not null && !oscalVersion.StartsWith("1.", StringComparison.Ordinal))
            {
                Error(metadataPath + ".oscal-version", $"OSCAL {oscalVersion} is not supported; export the document as OSCAL 1.x.");
            }

            return title is null || uuidText is null || oscalVersion is null ? null : new Header(uuid, title, version, oscalVersion);
        }

        private void Walk(JsonElement container, string path, string? parentKey)
        {
            if (container.TryGetProperty("controls", out var controls))
            {
                foreach (var (control, controlPath) in Items(controls, path + ".controls"))
                {
                    ReadControl(control, controlPath, parentKey);
                }
            }

            if (container.TryGetProperty("groups", out var groups))
            {
                foreach (var (group, groupPath) in Items(groups, path + ".groups"))
                {
                    RequiredString(group, "title", groupPath);
                    if (group.TryGetProperty("id", out var id) && (id.ValueKind != JsonValueKind.String || !IsToken(id.GetString()!)))
                    {
                        Error(groupPath + ".id", "must be an OSCAL token (a letter or '_' first, then letters, digits, '.', '-' or '_').");
                    }

                    Walk(group, groupPath, parentKey: null);
                }
            }
        }

        private IEnumerable<(JsonElement Item, string Path)> Items(JsonElement array, string path)
        {
            if (array.ValueKind != JsonValueKind.Array)
            {
                Error(path, "must be an array.");
                yield break;
            }

            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var itemPath = $"{path}[{i++}]";
                if (IsObject(item, itemPath))
                {
                    yield return (item, itemPath);
                }
            }
        }

        private void ReadControl(JsonElement control, string path, string? parentKey)
        {
            var id = RequiredString(control, "id", path);
            if (id is not null && !IsToken(id))
            {
                Error(path + ".id", $"'{id}' is not an OSCAL token (a letter or '_' first, then letters, digits, '.', '-' or '_').");
                id = null;
            }

            if (id is not null && !seenIds.Add(id))
            {
                Error(path + ".id", $"'{id}' is used by another control; control ids are unique in a catalog.");
            }

            var title = RequiredString(control, "title", path);
            var props = ReadProps(control, path);
            var (guidance, evidence) = ReadParts(control, path);
            var keyProp = props.FirstOrDefault(p => p.IsCustos && p.Name == OscalNames.KeyProp);
            string? key = null;
            if (keyProp is not null && !RequirementKey.IsCustom(keyProp.Value))
            {
                if (catalog.Find(keyProp.Value) is null)
                {
                    Error(keyProp.Path, $"'{keyProp.Value}' is not a requirement of the Custos HIPAA catalog {catalog.Version}.");
                }
                else if (title is not null)
                {
                    key = keyProp.Value;
                    var requirement = Rebuild(key, title, parentKey, props, guidance, evidence, path);
                    if (requirement is not null)
                    {
                        native.Add(requirement);
                    }
                }
            }
            else if (id is not null)
            {
                key = keyProp?.Value ?? RequirementKey.CustomPrefix + id;
                if (!RequirementKey.IsValidCustom(key))
                {
                    Error(keyProp?.Path ?? path + ".id", $"'{key}' cannot be a custom requirement key: use letters, digits, '.', '-', '_', '(' and ')' only, at most {RequirementKey.MaximumLength} characters.");
                }

                var mapsTo = ReadMappings(control, props, path);
                if (title is not null)
                {
                    var sourceProp = props.FirstOrDefault(p => p.IsCustos && p.Name == OscalNames.SourceProp)?.Value;
                    custom.Add(new CustomRequirementDefinition(key, id, title, guidance, evidence, mapsTo, sourceProp ?? source));
                }
            }

            if (control.TryGetProperty("controls", out var children))
            {
                foreach (var (child, childPath) in Items(children, path + ".controls"))
                {
                    ReadControl(child, childPath, key);
                }
            }
        }

        private List<string> ReadMappings(JsonElement control, List<Prop> props, string path)
        {
            var keys = new List<string>();
            foreach (var prop in props.Where(p => p.Name == OscalNames.HipaaCitationProp || (p.IsCustos && p.Name == OscalNames.MapsToProp)))
            {
                var key = ResolveCitation(prop.Value);
                if (key is null)
                {
                    Error(prop.Path + ".value", $"'{prop.Value}' is not a citation of the Custos HIPAA catalog {catalog.Version} (for example 164.312(a)(2)(iv)).");
                }
                else if (!keys.Contains(key))
                {
                    keys.Add(key);
                }
            }

            if (control.TryGetProperty("links", out var links))
            {
                foreach (var (link, linkPath) in Items(links, path + ".links"))
                {
                    var href = RequiredString(link, "href", linkPath);
                    var rel = link.TryGetProperty("rel", out var relElement) && relElement.ValueKind == JsonValueKind.String ? relElement.GetString() : null;
                    if (href is null || !string.Equals(rel, OscalNames.MapsToRel, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (href.StartsWith('#') && keyByControlId.TryGetValue(href[1..], out var key))
                    {
                        if (!keys.Contains(key))
                        {
                            keys.Add(key);
                        }
                    }
                    else
                    {
                        Error(linkPath + ".href", $"'{href}' does not name a control of the Custos HIPAA catalog {catalog.Version} (use '#hipaa-164.312-a-2-iv' style ids).");
                    }
                }
            }

            return keys;
        }

        private string? ResolveCitation(string value)
        {
            var text = value.Trim();
            foreach (var prefix in new[] { "45 CFR ", "45 C.F.R. ", "§ ", "§" })
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    text = text[prefix.Length..].Trim();
                }
            }

            return catalog.Find(text)?.Key ?? keyByControlId.GetValueOrDefault(text);
        }

        private CatalogRequirement? Rebuild(string key, string title, string? parentKey, List<Prop> props, string? guidance, IReadOnlyList<string> evidence, string path)
        {
            var before = Errors.Count;
            string? One(string name) => props.FirstOrDefault(p => p.IsCustos && p.Name == name)?.Value;
            T Parsed<T>(string name, Func<T, string> naming)
                where T : struct, Enum
            {
                var value = One(name);
                var parsed = OscalNames.Parse(value, naming);
                if (parsed is null)
                {
                    Error(path + ".props", $"the Custos '{name}' property is {(value is null ? "missing" : $"'{value}', which is not a known value")}.");
                }

                return parsed ?? default;
            }

            var rule = Parsed<RequirementRule>(OscalNames.RuleProp, OscalNames.Name);
            var kind = Parsed<RequirementKind>(OscalNames.KindProp, OscalNames.Name);
            var family = Parsed<RequirementFamily>(OscalNames.FamilyProp, OscalNames.Name);
            var implementation = One(OscalNames.ImplementationProp);
            bool? required = implementation switch
            {
                "required" => true,
                "addressable" => false,
                _ => null,
            };
            if (implementation is not null and not "required" and not "addressable")
            {
                Error(path + ".props", $"the Custos 'implementation' property is '{implementation}'; it is 'required' or 'addressable'.");
            }

            var appliesTo = new List<EntityType>();
            foreach (var prop in props.Where(p => p.IsCustos && p.Name == OscalNames.AppliesToProp))
            {
                var type = OscalNames.Parse<EntityType>(prop.Value, OscalNames.Name);
                if (type is null)
                {
                    Error(prop.Path + ".value", $"'{prop.Value}' is not an entity type (business-associate, covered-entity, hybrid-entity, subcontractor-business-associate).");
                }
                else
                {
                    appliesTo.Add(type.Value);
                }
            }

            var freshnessText = One(OscalNames.FreshnessProp);
            if (!int.TryParse(freshnessText, NumberStyles.None, CultureInfo.InvariantCulture, out var freshness) || freshness < 1)
            {
                Error(path + ".props", $"the Custos '{OscalNames.FreshnessProp}' property must be a whole number of days, 1 or more.");
            }

            if (Errors.Count > before)
            {
                return null;
            }

            return new CatalogRequirement(
                key,
                One(OscalNames.CitationProp) ?? props.FirstOrDefault(p => p.Ns is null && p.Name == "label")?.Value ?? key,
                title,
                rule,
                kind,
                required,
                parentKey,
                family,
                guidance ?? string.Empty,
                evidence,
                [.. appliesTo.Distinct().Order()],
                freshness,
                One(OscalNames.ProfileProp) ?? CatalogProfile.BaseId,
                string.Equals(One(OscalNames.ProposedProp), "true", StringComparison.Ordinal),
                [.. props.Where(p => p.IsCustos && p.Name == OscalNames.RelatedCitationProp).Select(p => p.Value)]);
        }

        private List<Prop> ReadProps(JsonElement owner, string path)
        {
            var props = new List<Prop>();
            if (!owner.TryGetProperty("props", out var array))
            {
                return props;
            }

            foreach (var (prop, propPath) in Items(array, path + ".props"))
            {
                var name = RequiredString(prop, "name", propPath);
                var value = RequiredString(prop, "value", propPath);
                var ns = prop.TryGetProperty("ns", out var nsElement) && nsElement.ValueKind == JsonValueKind.String ? nsElement.GetString() : null;
                if (name is not null && value is not null)
                {
                    props.Add(new Prop(name, ns, value, propPath));
                }
            }

            return props;
        }

        private (string? Guidance, IReadOnlyList<string> Evidence) ReadParts(JsonElement owner, string path)
        {
            string? guidance = null;
            var evidence = new List<string>();
            if (!owner.TryGetProperty("parts", out var parts))
            {
                return (guidance, evidence);
            }

            foreach (var (part, partPath) in Items(parts, path + ".parts"))
            {
                var name = RequiredString(part, "name", partPath);
                if (name == OscalNames.GuidancePart || name == "statement")
                {
                    guidance ??= Prose(part);
                }
                else if (name == OscalNames.EvidencePart && part.TryGetProperty("parts", out var items))
                {
                    foreach (var (item, _) in Items(items, partPath + ".parts"))
                    {
                        if (Prose(item) is { } text)
                        {
                            evidence.Add(text);
                        }
                    }
                }
            }

            return (guidance, evidence);
        }

        private static string? Prose(JsonElement part) =>
            part.TryGetProperty("prose", out var prose) && prose.ValueKind == JsonValueKind.String ? prose.GetString() : null;

        private string? RequiredString(JsonElement owner, string name, string path)
        {
            if (!owner.TryGetProperty(name, out var value))
            {
                Error($"{path}.{name}", "missing.");
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Error($"{path}.{name}", $"must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");
                return null;
            }

            var text = value.GetString()!;
            if (string.IsNullOrWhiteSpace(text))
            {
                Error($"{path}.{name}", "is empty.");
                return null;
            }

            return text;
        }

        private bool IsObject(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Error(path, $"must be an object, not {element.ValueKind.ToString().ToLowerInvariant()}.");
            return false;
        }

        private static bool IsToken(string value) =>
            value.Length > 0 && (char.IsLetter(value[0]) || value[0] == '_') && value.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_');

        private void Error(string path, string message) => Errors.Add(new OscalImportError(path, message));
    }
}
