using Custos.Platform.Authorization;
using Custos.Web.Exports;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Access;

/// <summary>Custos's own RBAC matrix: every permission against every role (45 CFR 164.308(a)(4) documentation).</summary>
[RequirePermission(Permissions.UsersRead)]
public sealed class RolesModel : PageModel
{
    private static readonly string[] FixedColumns = ["Permission", "Area", "Description", "Read-only"];

    public IReadOnlyList<RoleDefinition> Roles => BuiltInRoles.All;

    public IReadOnlyList<PermissionInfo> Catalog => Permissions.All;

    public void OnGet()
    {
    }

    public FileContentResult OnGetExport([FromQuery] RegisterFormat format = RegisterFormat.Csv)
    {
        var columns = FixedColumns.Concat(Roles.Select(r => r.Name)).ToList();
        var rows = Catalog.Select(permission => (IReadOnlyList<object?>)new object?[] { permission.Name, permission.Area, permission.Description, permission.ReadOnly ? "yes" : "no" }
            .Concat(Roles.Select(r => (object?)(r.Permissions.Contains(permission.Name) ? "allow" : "deny"))).ToList()).ToList();
        var (content, contentType, fileName) = RegisterExport.Write(new Register("RBAC matrix", columns, rows), format, "custos-rbac-matrix");
        return File(content, contentType, fileName);
    }
}
