namespace Custos.Platform.Authorization;

/// <summary>
/// The permission catalog. Code checks permissions, never roles; roles are named bundles of these
/// (45 CFR 164.308(a)(4)(ii)(B)-(C), 164.312(a)(1): access only to what a workforce member's function needs).
/// </summary>
public static class Permissions
{
    public const string OrganizationRead = "organization.read";
    public const string OrganizationManage = "organization.manage";
    public const string UsersRead = "users.read";
    public const string UsersManage = "users.manage";
    public const string RolesManage = "roles.manage";
    public const string KeysManage = "keys.manage";
    public const string ElevationRequest = "elevation.request";
    public const string ElevationApprove = "elevation.approve";
    public const string BreakGlass = "break-glass.use";
    public const string AuditRead = "audit.read";
    public const string AuditExport = "audit.export";
    public const string AuditManage = "audit.manage";
    public const string IncidentsReport = "incidents.report";
    public const string IncidentsRead = "incidents.read";
    public const string IncidentsPhiRead = "incidents.phi.read";
    public const string IncidentsManage = "incidents.manage";
    public const string PhiScan = "phi.scan";
    public const string PhiDeidentify = "phi.deidentify";
    public const string PhiReidentify = "phi.reidentify";
    public const string ComplianceRead = "compliance.read";
    public const string ComplianceManage = "compliance.manage";
    public const string CryptoManage = "crypto.manage";

    /// <summary>Every permission with what it allows. Read-only permissions are the only ones an Auditor may hold.</summary>
    public static IReadOnlyList<PermissionInfo> All { get; } =
    [
        new(OrganizationRead, "Organization", "See the organization profile, officers and covered-entity customers", ReadOnly: true),
        new(OrganizationManage, "Organization", "Change the organization profile, designate officers, manage customers", ReadOnly: false),
        new(UsersRead, "Access control", "See user accounts, their roles and sessions", ReadOnly: true),
        new(UsersManage, "Access control", "Create, disable and re-enrol users; assign roles", ReadOnly: false),
        new(RolesManage, "Access control", "Create and change custom roles", ReadOnly: false),
        new(KeysManage, "Access control", "Create, rotate and revoke API keys", ReadOnly: false),
        new(ElevationRequest, "Access control", "Ask for a role for a bounded time, with a justification", ReadOnly: false),
        new(BreakGlass, "Access control", "Take a role at once in an emergency, with a written reason; the Security Officer is told and a review opens", ReadOnly: false),
        new(ElevationApprove, "Access control", "Approve or reject other users' elevation requests; review break-glass use", ReadOnly: false),
        new(AuditRead, "Audit", "Search the audit ledger and see who accessed a record", ReadOnly: true),
        new(AuditExport, "Audit", "Export the audit ledger for auditors", ReadOnly: true),
        new(AuditManage, "Audit", "Run verifications, manage alert rules and checkpoints", ReadOnly: false),
        new(IncidentsReport, "Incidents", "Report a security or privacy incident", ReadOnly: false),
        new(IncidentsRead, "Incidents", "See incidents without their PHI details", ReadOnly: true),
        new(IncidentsPhiRead, "Incidents", "Reveal the PHI details of incidents", ReadOnly: false),
        new(IncidentsManage, "Incidents", "Triage, investigate and assess incidents; manage notifications", ReadOnly: false),
        new(PhiScan, "PHI tools", "Scan text and files for PHI", ReadOnly: false),
        new(PhiDeidentify, "PHI tools", "De-identify and pseudonymize data sets", ReadOnly: false),
        new(PhiReidentify, "PHI tools", "Re-identify pseudonymized records, with a stated purpose", ReadOnly: false),
        new(ComplianceRead, "Compliance", "See requirements, controls, evidence and the posture dashboard", ReadOnly: true),
        new(ComplianceManage, "Compliance", "Record control implementations, decisions and evidence", ReadOnly: false),
        new(CryptoManage, "Platform", "Rotate encryption keys and see key status", ReadOnly: false),
    ];

    private static readonly Dictionary<string, PermissionInfo> ByName = All.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="permission"/> is in the catalog (exact, case-sensitive).</summary>
    public static bool IsKnown(string permission) => ByName.ContainsKey(permission);

    /// <summary>The catalog entry of a known permission.</summary>
    public static PermissionInfo Describe(string permission) => ByName[permission];
}

/// <summary>A permission of the catalog.</summary>
public sealed record PermissionInfo(string Name, string Area, string Description, bool ReadOnly);
