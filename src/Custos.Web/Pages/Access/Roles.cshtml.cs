using Custos.Platform.Authorization;
using Custos.Web.Exports;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Access;

/// <summary>Custos's own RBAC matrix: every permission against every role (45 CFR 164.308(a)(4) documentation).</summary>
[RequirePermission(Permissions.UsersRead)]
public sealed class RolesModel(ListCustomRoles listCustomRoles) : PageModel
{
    private static readonly string[] FixedColumns = ["Permission", "Area", "Description", "Read-only"];

    public IReadOnlyList<RoleDefinition> Roles { get; private set; } = BuiltInRoles.All;

    public int BuiltInCount => BuiltInRoles.All.Count;

    public bool CanManage => User.HasPermission(Permissions.RolesManage);

    [BindProperty]
    public string? RoleName { get; set; }

    [BindProperty]
    public List<string> Selected { get; set; } = [];

    public IReadOnlyList<PermissionInfo> Catalog => Permissions.All;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Creates or changes a custom role (roles.manage, with a fresh second factor).</summary>
    public async Task<IActionResult> OnPostSaveAsync([FromServices] SaveCustomRole save, CancellationToken cancellationToken)
    {
        if (this.RefuseChange(Permissions.RolesManage) is { } refusal)
        {
            return refusal;
        }

        try
        {
            var saved = await save.HandleAsync(new SaveCustomRoleCommand(RoleName ?? string.Empty, Selected), cancellationToken);
            TempData["Status"] = $"Role \"{saved.Name}\" saved with {saved.Permissions.Count} permission{(saved.Permissions.Count == 1 ? string.Empty : "s")}; everyone who holds it has the new set at once.";
            return RedirectToPage();
        }
        catch (Custos.Platform.Validation.InvalidRequestException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field == nameof(SaveCustomRoleCommand.Name) ? nameof(RoleName) : nameof(Selected), message);
                }
            }

            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    /// <summary>The custom role to delete.</summary>
    [BindProperty]
    public string? DeleteName { get; set; }

    /// <summary>Deletes a custom role nobody holds (roles.manage, with a fresh second factor).</summary>
    public async Task<IActionResult> OnPostDeleteAsync([FromServices] DeleteCustomRole delete, CancellationToken cancellationToken)
    {
        if (this.RefuseChange(Permissions.RolesManage) is { } refusal)
        {
            return refusal;
        }

        try
        {
            await delete.HandleAsync(DeleteName ?? string.Empty, cancellationToken);
            TempData["Status"] = $"Role \"{DeleteName?.Trim()}\" deleted.";
            return RedirectToPage();
        }
        catch (Custos.Platform.Validation.InvalidRequestException invalid)
        {
            foreach (var message in invalid.Errors.SelectMany(e => e.Value))
            {
                ModelState.AddModelError(nameof(DeleteName), message);
            }
        }
        catch (Custos.Platform.Validation.RecordNotFoundException)
        {
            ModelState.AddModelError(nameof(DeleteName), $"There is no custom role named '{DeleteName?.Trim()}'; it may have been deleted already.");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public IEnumerable<RoleDefinition> CustomRoles => Roles.Skip(BuiltInCount);


    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Roles = [.. BuiltInRoles.All, .. await listCustomRoles.HandleAsync(cancellationToken)];

    public async Task<FileContentResult> OnGetExportAsync([FromQuery] RegisterFormat format, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var columns = FixedColumns.Concat(Roles.Select(r => r.Name)).ToList();
        var rows = Catalog.Select(permission => (IReadOnlyList<object?>)new object?[] { permission.Name, permission.Area, permission.Description, permission.ReadOnly ? "yes" : "no" }
            .Concat(Roles.Select(r => (object?)(r.Permissions.Contains(permission.Name) ? "allow" : "deny"))).ToList()).ToList();
        var (content, contentType, fileName) = RegisterExport.Write(new Register("RBAC matrix", columns, rows), format, "custos-rbac-matrix");
        return File(content, contentType, fileName);
    }
}
