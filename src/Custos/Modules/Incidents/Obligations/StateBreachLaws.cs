using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Custos.Platform;

namespace Custos.Modules.Incidents.Obligations;

/// <summary>
/// The State overlays the rules apply: the embedded <c>state-breach-laws.json</c>, optionally overridden or extended
/// by a file on disk (configuration key <see cref="FileSettingKey"/>; an entry there replaces the embedded entry with
/// the same code). Updating a State's rule needs no code change.
/// </summary>
public sealed class StateBreachLaws
{
    public const string FileSettingKey = "Custos:Breach:StateLawsFile";

    private const string ResourceName = "Custos.Modules.Incidents.Obligations.state-breach-laws.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private static readonly Lazy<StateBreachLaws> EmbeddedLaws = new(LoadEmbedded);

    private readonly FrozenDictionary<string, StateBreachLaw> byCode;

    public StateBreachLaws(IEnumerable<StateBreachLaw> laws)
    {
        ArgumentNullException.ThrowIfNull(laws);
        var map = new Dictionary<string, StateBreachLaw>(StringComparer.OrdinalIgnoreCase);
        foreach (var law in laws)
        {
            map[law.Code.Trim().ToUpperInvariant()] = law with { Code = law.Code.Trim().ToUpperInvariant() };
        }

        byCode = map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The rules shipped with Custos.</summary>
    public static StateBreachLaws Embedded => EmbeddedLaws.Value;

    /// <summary>Every loaded State rule, by code.</summary>
    public IEnumerable<StateBreachLaw> All => byCode.Values.OrderBy(l => l.Code, StringComparer.Ordinal);

    /// <summary>The rule loaded for a State or jurisdiction, or null when none is loaded.</summary>
    public StateBreachLaw? Find(string code) => byCode.GetValueOrDefault(code.Trim());

    /// <summary>The embedded rules, overridden and extended by <paramref name="path"/> when one is given.</summary>
    /// <exception cref="CustosConfigurationException">The file is missing, unreadable or not valid rule data.</exception>
    public static StateBreachLaws Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return Embedded;
        }

        if (!File.Exists(path))
        {
            throw new CustosConfigurationException(FileSettingKey, $"the State breach-law file '{path}' does not exist. Fix the path or remove the setting to use the built-in rules.");
        }

        IReadOnlyList<StateBreachLaw> overrides;
        try
        {
            using var stream = File.OpenRead(path);
            overrides = Parse(stream);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CustosConfigurationException(FileSettingKey, $"cannot use the State breach-law file '{path}': {ex.Message}", ex);
        }

        return new StateBreachLaws(Embedded.All.Where(l => !overrides.Any(o => string.Equals(o.Code.Trim(), l.Code, StringComparison.OrdinalIgnoreCase))).Concat(overrides));
    }

    /// <summary>Reads the JSON format of <c>state-breach-laws.json</c> and checks every entry.</summary>
    /// <exception cref="InvalidDataException">An entry is incomplete or inconsistent; the message names it.</exception>
    public static IReadOnlyList<StateBreachLaw> Parse(Stream json)
    {
        var document = JsonSerializer.Deserialize<StateBreachLawFile>(json, JsonOptions)
            ?? throw new InvalidDataException("The file is empty.");
        var states = document.States ?? throw new InvalidDataException("The file has no \"states\" array.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var law in states)
        {
            Check(law);
            if (!seen.Add(law.Code.Trim()))
            {
                throw new InvalidDataException($"State {law.Code} appears twice.");
            }
        }

        return states;
    }

    private static void Check(StateBreachLaw? law)
    {
        if (law is null)
        {
            throw new InvalidDataException("A State entry is null.");
        }

        var code = law.Code?.Trim() ?? string.Empty;
        if (!Jurisdictions.IsKnown(code))
        {
            throw new InvalidDataException($"'{law.Code}' is not a U.S. State or jurisdiction code.");
        }

        if (string.IsNullOrWhiteSpace(law.Name) || string.IsNullOrWhiteSpace(law.Citation) || law.SourceUrl is null || law.LastVerified == default)
        {
            throw new InvalidDataException($"State {code} needs name, citation, sourceUrl and lastVerified.");
        }

        var deadlines = new[] { law.Individuals, law.Vendor }.Concat(law.Regulators.Select(r => r?.Deadline));
        if (deadlines.Any(d => d is not null && (d.Days < 0 || string.IsNullOrWhiteSpace(d.Text))))
        {
            throw new InvalidDataException($"State {code}: every deadline needs text and days of 0 or more (or null when the law gives no number).");
        }

        if (law.Regulators.Any(r => r is null || string.IsNullOrWhiteSpace(r.Name) || r.Deadline is null || r.MinimumResidents < 1))
        {
            throw new InvalidDataException($"State {code}: every regulator needs a name, a deadline and minimumResidents of 1 or more.");
        }
    }

    private static StateBreachLaws LoadEmbedded()
    {
        using var stream = typeof(StateBreachLaws).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        return new StateBreachLaws(Parse(stream));
    }

    private sealed record StateBreachLawFile(string? About, List<StateBreachLaw>? States);
}
