using static Custos.Platform.Authorization.Permissions;

namespace Custos.Platform.Authorization;

/// <summary>
/// The roles every Custos installation has: named bundles of permissions, fixed in code so that every
/// installation's RBAC matrix means the same thing. Organizations add custom roles for anything else.
/// Nobody holds PHI permissions by default except the Privacy and Security Officers (minimum necessary,
/// 45 CFR 164.502(b) and 164.514(d)); an Administrator who needs them asks for elevation or breaks the glass.
/// </summary>
public static class BuiltInRoles
{
    public const string Administrator = "Administrator";
    public const string PrivacyOfficer = "Privacy Officer";
    public const string SecurityOfficer = "Security Officer";
    public const string ComplianceManager = "Compliance Manager";
    public const string Engineer = "Engineer";
    public const string WorkforceMember = "Workforce Member";
    public const string Auditor = "Auditor";

    /// <summary>The built-in roles in display order, with what each is for and its permissions.</summary>
    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        new(Administrator, "Runs Custos itself: users, roles, keys and configuration; no PHI by default.",
            [ElevationRequest, BreakGlass, OrganizationRead, OrganizationManage, UsersRead, UsersManage, RolesManage, KeysManage, ElevationApprove,
             AuditRead, AuditManage, IncidentsReport, IncidentsRead, ComplianceRead, CryptoManage]),
        new(PrivacyOfficer, "Designated under 45 CFR 164.530(a): runs the privacy program and breach determinations.",
            [ElevationRequest, BreakGlass, OrganizationRead, OrganizationManage, UsersRead, ElevationApprove, AuditRead, AuditExport,
             IncidentsReport, IncidentsRead, IncidentsPhiRead, IncidentsManage, PhiScan, PhiDeidentify, PhiReidentify,
             ComplianceRead, ComplianceManage]),
        new(SecurityOfficer, "Designated under 45 CFR 164.308(a)(2): runs the security program and incident response.",
            [ElevationRequest, BreakGlass, OrganizationRead, UsersRead, ElevationApprove, AuditRead, AuditExport, AuditManage,
             IncidentsReport, IncidentsRead, IncidentsPhiRead, IncidentsManage, PhiScan, PhiDeidentify,
             ComplianceRead, ComplianceManage, CryptoManage]),
        new(ComplianceManager, "Keeps controls, evidence and reviews current.",
            [ElevationRequest, OrganizationRead, AuditRead, IncidentsReport, IncidentsRead, PhiScan, PhiDeidentify, ComplianceRead, ComplianceManage]),
        new(Engineer, "Builds and runs the systems: evidence, incidents, PHI scans.",
            [ElevationRequest, BreakGlass, OrganizationRead, IncidentsReport, IncidentsRead, PhiScan, PhiDeidentify, ComplianceRead]),
        new(WorkforceMember, "Every member of the workforce: reports incidents, takes training, acknowledges policies.",
            [ElevationRequest, OrganizationRead, IncidentsReport]),
        new(Auditor, "External or internal auditor: read-only, and only until an end date.",
            [OrganizationRead, UsersRead, AuditRead, AuditExport, IncidentsRead, ComplianceRead]),
    ];

    private static readonly Dictionary<string, RoleDefinition> ByName = All.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="roleName"/> names a built-in role (names are reserved, case-insensitively).</summary>
    public static bool IsBuiltIn(string roleName) => ByName.ContainsKey(roleName);

    /// <summary>The definition of a built-in role, or null.</summary>
    public static RoleDefinition? Find(string roleName) => ByName.GetValueOrDefault(roleName);
}

/// <summary>A role: a name, what it is for, and the permissions it bundles.</summary>
public sealed record RoleDefinition(string Name, string Description, IReadOnlyList<string> Permissions)
{
    /// <summary>Whether every permission of the role is read-only.</summary>
    public bool IsReadOnly => Permissions.All(p => Authorization.Permissions.Describe(p).ReadOnly);
}
