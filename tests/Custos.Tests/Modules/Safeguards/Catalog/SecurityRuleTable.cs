using System.Text.RegularExpressions;
using Custos.Modules.Safeguards.Catalog;

namespace Custos.Tests.Modules.Safeguards.Catalog;

/// <summary>One row of the Security Rule table: a standard (Required null) or a specification (R true, A false).</summary>
internal sealed record SecurityRuleRow(string Citation, RequirementKind Kind, string Title, bool? Required);

/// <summary>
/// The standards and implementation specifications of 45 CFR 164.308-164.316, as listed in hipaa-reference.md §1.2,
/// checked in so that CI checks the Required/Addressable flags even where ../shared is absent; and a reader of the
/// reference table itself for machines where it is present.
/// </summary>
internal static partial class SecurityRuleTable
{
    private const RequirementKind Std = RequirementKind.Standard;
    private const RequirementKind Spec = RequirementKind.Specification;
    private const bool R = true;
    private const bool A = false;

    public static IReadOnlyList<SecurityRuleRow> Expected { get; } =
    [
        // 45 CFR 164.308 Administrative safeguards
        new("164.308(a)(1)(i)", Std, "Security management process", null),
        new("164.308(a)(1)(ii)(A)", Spec, "Risk analysis", R),
        new("164.308(a)(1)(ii)(B)", Spec, "Risk management", R),
        new("164.308(a)(1)(ii)(C)", Spec, "Sanction policy", R),
        new("164.308(a)(1)(ii)(D)", Spec, "Information system activity review", R),
        new("164.308(a)(2)", Std, "Assigned security responsibility", null),
        new("164.308(a)(3)(i)", Std, "Workforce security", null),
        new("164.308(a)(3)(ii)(A)", Spec, "Authorization and/or supervision", A),
        new("164.308(a)(3)(ii)(B)", Spec, "Workforce clearance procedure", A),
        new("164.308(a)(3)(ii)(C)", Spec, "Termination procedures", A),
        new("164.308(a)(4)(i)", Std, "Information access management", null),
        new("164.308(a)(4)(ii)(A)", Spec, "Isolating health care clearinghouse functions", R),
        new("164.308(a)(4)(ii)(B)", Spec, "Access authorization", A),
        new("164.308(a)(4)(ii)(C)", Spec, "Access establishment and modification", A),
        new("164.308(a)(5)(i)", Std, "Security awareness and training", null),
        new("164.308(a)(5)(ii)(A)", Spec, "Security reminders", A),
        new("164.308(a)(5)(ii)(B)", Spec, "Protection from malicious software", A),
        new("164.308(a)(5)(ii)(C)", Spec, "Log-in monitoring", A),
        new("164.308(a)(5)(ii)(D)", Spec, "Password management", A),
        new("164.308(a)(6)(i)", Std, "Security incident procedures", null),
        new("164.308(a)(6)(ii)", Spec, "Response and reporting", R),
        new("164.308(a)(7)(i)", Std, "Contingency plan", null),
        new("164.308(a)(7)(ii)(A)", Spec, "Data backup plan", R),
        new("164.308(a)(7)(ii)(B)", Spec, "Disaster recovery plan", R),
        new("164.308(a)(7)(ii)(C)", Spec, "Emergency mode operation plan", R),
        new("164.308(a)(7)(ii)(D)", Spec, "Testing and revision procedures", A),
        new("164.308(a)(7)(ii)(E)", Spec, "Applications and data criticality analysis", A),
        new("164.308(a)(8)", Std, "Evaluation", null),
        new("164.308(b)(1)", Std, "Business associate contracts and other arrangements", null),
        new("164.308(b)(3)", Spec, "Written contract or other arrangement", R),

        // 45 CFR 164.310 Physical safeguards
        new("164.310(a)(1)", Std, "Facility access controls", null),
        new("164.310(a)(2)(i)", Spec, "Contingency operations", A),
        new("164.310(a)(2)(ii)", Spec, "Facility security plan", A),
        new("164.310(a)(2)(iii)", Spec, "Access control and validation procedures", A),
        new("164.310(a)(2)(iv)", Spec, "Maintenance records", A),
        new("164.310(b)", Std, "Workstation use", null),
        new("164.310(c)", Std, "Workstation security", null),
        new("164.310(d)(1)", Std, "Device and media controls", null),
        new("164.310(d)(2)(i)", Spec, "Disposal", R),
        new("164.310(d)(2)(ii)", Spec, "Media re-use", R),
        new("164.310(d)(2)(iii)", Spec, "Accountability", A),
        new("164.310(d)(2)(iv)", Spec, "Data backup and storage", A),

        // 45 CFR 164.312 Technical safeguards
        new("164.312(a)(1)", Std, "Access control", null),
        new("164.312(a)(2)(i)", Spec, "Unique user identification", R),
        new("164.312(a)(2)(ii)", Spec, "Emergency access procedure", R),
        new("164.312(a)(2)(iii)", Spec, "Automatic logoff", A),
        new("164.312(a)(2)(iv)", Spec, "Encryption and decryption", A),
        new("164.312(b)", Std, "Audit controls", null),
        new("164.312(c)(1)", Std, "Integrity", null),
        new("164.312(c)(2)", Spec, "Mechanism to authenticate electronic protected health information", A),
        new("164.312(d)", Std, "Person or entity authentication", null),
        new("164.312(e)(1)", Std, "Transmission security", null),
        new("164.312(e)(2)(i)", Spec, "Integrity controls", A),
        new("164.312(e)(2)(ii)", Spec, "Encryption", A),

        // 45 CFR 164.314 Organizational requirements
        new("164.314(a)(1)", Std, "Business associate contracts or other arrangements", null),
        new("164.314(a)(2)(i)", Spec, "Business associate contracts", R),
        new("164.314(a)(2)(ii)", Spec, "Other arrangements", R),
        new("164.314(a)(2)(iii)", Spec, "Business associate contracts with subcontractors", R),
        new("164.314(b)(1)", Std, "Requirements for group health plans", null),
        new("164.314(b)(2)", Spec, "Plan documents", R),

        // 45 CFR 164.316 Policies and procedures and documentation requirements
        new("164.316(a)", Std, "Policies and procedures", null),
        new("164.316(b)(1)", Std, "Documentation", null),
        new("164.316(b)(2)(i)", Spec, "Time limit", R),
        new("164.316(b)(2)(ii)", Spec, "Availability", R),
        new("164.316(b)(2)(iii)", Spec, "Updates", R),
    ];

    /// <summary>
    /// The reference names a few rows with a description instead of a title; the catalog keeps the title and the
    /// description goes into the guidance. Each such row is listed here with the reason.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TitlesThatShortenTheReference { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The regulation heads 164.314(b)(2) "Implementation specifications (Required)"; the reference describes what
        // the plan documents must require. The catalog calls the specification by its subject.
        ["164.314(b)(2)"] = "Plan documents",
    };

    /// <summary>The path of ../shared/hipaa-reference.md, looked for above the test's directory, or null.</summary>
    public static string? ReferencePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "hipaa-reference.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The rows of the reference's §1.2 tables. A title loses its parenthetical description ("Security reminders
    /// (\"periodic security updates\")" is "Security reminders"); the citation is the first one in the cell
    /// ("164.308(b)(1) (CE→BA); (b)(2) (BA→subcontractor)" is 164.308(b)(1)).
    /// </summary>
    public static IReadOnlyList<SecurityRuleRow> ReadReference(string path)
    {
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l.StartsWith("### 1.2", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("### ", StringComparison.Ordinal));
        start.ShouldBeGreaterThan(-1, "hipaa-reference.md has no §1.2");
        var rows = new List<SecurityRuleRow>();
        foreach (var line in lines[start..(end < 0 ? lines.Length : end)])
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 6 || !cells[1].StartsWith("164.", StringComparison.Ordinal))
            {
                continue;
            }

            var citation = Citation().Match(cells[1]).Value;
            var kind = cells[2] switch
            {
                "STD" => Std,
                "Spec" => Spec,
                _ => throw new InvalidOperationException($"Unknown type '{cells[2]}' in: {line}"),
            };
            var flag = cells[4];
            bool? required = flag.StartsWith('R') ? R : flag.StartsWith('A') ? A : null;
            var title = cells[3].IndexOf(" (", StringComparison.Ordinal) is var open and > 0 ? cells[3][..open] : cells[3];
            rows.Add(new SecurityRuleRow(citation, kind, title, required));
        }

        return rows;
    }

    [GeneratedRegex(@"^164\.\d+(\([a-zA-Z0-9]+\))+")]
    private static partial Regex Citation();
}
