namespace Custos.Platform.Authorization;

/// <summary>
/// The permission catalog. Code checks permissions, never roles; roles are named bundles of these
/// (45 CFR 164.308(a)(4), 164.312(a)(1): access only to what a workforce member's function needs).
/// </summary>
public static class Permissions
{
    public const string OrganizationRead = "organization.read";
    public const string OrganizationManage = "organization.manage";
    public const string UsersRead = "users.read";
    public const string UsersManage = "users.manage";
    public const string RolesManage = "roles.manage";
    public const string KeysManage = "keys.manage";
    public const string ElevationApprove = "elevation.approve";
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
}
