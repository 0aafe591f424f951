using System.Security.Cryptography;
using System.Text;

namespace Custos.Modules.Safeguards.Catalog.Oscal;

/// <summary>
/// The vocabulary Custos uses in OSCAL documents: its property namespace, property and part names, and the mapping
/// from requirement keys (which contain parentheses and colons) to OSCAL control ids (tokens).
/// </summary>
public static class OscalNames
{
    /// <summary>OSCAL 1.1.x; the importer accepts any 1.x document.</summary>
    public const string OscalVersion = "1.1.2";

    /// <summary>Namespace of Custos's own props and parts (OSCAL's own names carry no ns).</summary>
    public const string Namespace = "urn:custos:oscal";

    public const string KeyProp = "key";
    public const string CitationProp = "citation";
    public const string RuleProp = "rule";
    public const string KindProp = "kind";
    public const string FamilyProp = "family";

    /// <summary>"required" or "addressable" (45 CFR 164.306(d)); only on specifications.</summary>
    public const string ImplementationProp = "implementation";
    public const string AppliesToProp = "applies-to";
    public const string FreshnessProp = "evidence-freshness-days";
    public const string ProfileProp = "profile";
    public const string ProposedProp = "proposed";
    public const string RelatedCitationProp = "related-citation";
    public const string SourceProp = "source";

    /// <summary>
    /// On any control, in any namespace: a HIPAA citation the control maps to (<c>164.312(a)(2)(iv)</c>, optionally
    /// prefixed "45 CFR"). The same mapping can be a link with rel <see cref="MapsToRel"/> to <c>#hipaa-...</c>.
    /// </summary>
    public const string HipaaCitationProp = "hipaa-citation";

    /// <summary>Custos's own name for a mapping property (what the exporter writes for custom requirements).</summary>
    public const string MapsToProp = "maps-to";
    public const string MapsToRel = "maps-to";

    public const string GuidancePart = "guidance";
    public const string EvidencePart = "evidence";
    public const string EvidenceItemPart = "item";

    /// <summary>
    /// The OSCAL control id of a requirement key: <c>164.308(a)(1)(ii)(A)</c> is <c>hipaa-164.308-a-1-ii-A</c>,
    /// <c>nprm-2025:encryption</c> is <c>nprm-2025_encryption</c>, <c>custom:ac-2</c> is <c>custom_ac-2</c>.
    /// </summary>
    public static string ControlId(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length + 6);
        if (key.Length > 0 && char.IsAsciiDigit(key[0]))
        {
            builder.Append("hipaa-");
        }

        foreach (var c in key)
        {
            switch (c)
            {
                case '(':
                    builder.Append('-');
                    break;
                case ')':
                    break;
                case ':':
                    builder.Append('_');
                    break;
                default:
                    builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A name-based UUID (RFC 9562 version 5), so that the same catalog version always exports the same document ids.
    /// </summary>
    public static Guid NameBasedUuid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var namespaceBytes = UuidNamespace.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[namespaceBytes.Length + nameBytes.Length];
        namespaceBytes.CopyTo(input, 0);
        nameBytes.CopyTo(input, namespaceBytes.Length);
#pragma warning disable CA5350 // RFC 9562 defines version 5 with SHA-1; this is an identifier, not a security use.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Custos's UUID namespace for OSCAL documents (itself a fixed random UUID).</summary>
    private static readonly Guid UuidNamespace = new("4b0f1f6e-2d7a-4c4e-9a53-6f1d0c8e2b91");

    public static string Name(RequirementRule rule) => rule switch
    {
        RequirementRule.Security => "security",
        RequirementRule.Breach => "breach",
        RequirementRule.Privacy => "privacy",
    };

    public static string Name(RequirementKind kind) => kind switch
    {
        RequirementKind.Standard => "standard",
        RequirementKind.Specification => "specification",
    };

    public static string Name(RequirementFamily family) => family switch
    {
        RequirementFamily.Administrative => "administrative",
        RequirementFamily.Physical => "physical",
        RequirementFamily.Technical => "technical",
        RequirementFamily.Organizational => "organizational",
        RequirementFamily.Documentation => "documentation",
        RequirementFamily.Privacy => "privacy",
        RequirementFamily.BreachNotification => "breach-notification",
    };

    public static string Name(Organization.Contracts.EntityType type) => type switch
    {
        Organization.Contracts.EntityType.BusinessAssociate => "business-associate",
        Organization.Contracts.EntityType.CoveredEntity => "covered-entity",
        Organization.Contracts.EntityType.HybridEntity => "hybrid-entity",
        Organization.Contracts.EntityType.SubcontractorBusinessAssociate => "subcontractor-business-associate",
    };

    public static string Title(RequirementRule rule) => rule switch
    {
        RequirementRule.Security => "Security Rule (45 CFR Part 164, Subpart C)",
        RequirementRule.Breach => "Breach Notification Rule (45 CFR 164.400-164.414)",
        RequirementRule.Privacy => "Privacy Rule (45 CFR Part 164, Subpart E)",
    };

    public static string Title(RequirementFamily family) => family switch
    {
        RequirementFamily.Administrative => "Administrative safeguards",
        RequirementFamily.Physical => "Physical safeguards",
        RequirementFamily.Technical => "Technical safeguards",
        RequirementFamily.Organizational => "Organizational requirements",
        RequirementFamily.Documentation => "Policies, procedures and documentation",
        RequirementFamily.Privacy => "Privacy",
        RequirementFamily.BreachNotification => "Breach notification",
    };

    /// <summary>Parses one of the names above back; null when unknown.</summary>
    internal static T? Parse<T>(string? value, Func<T, string> name)
        where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => string.Equals(name(v), value, StringComparison.Ordinal)).Cast<T?>().FirstOrDefault();
}
