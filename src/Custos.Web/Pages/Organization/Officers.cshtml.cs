using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Organization;

[Custos.Web.Hosting.RequirePermission(Custos.Platform.Authorization.Permissions.OrganizationRead)]
public sealed class OfficersModel(GetOfficerHistory getHistory, DesignateOfficer designate, TimeProvider time) : PageModel
{
    [BindProperty]
    public DesignationInput Input { get; set; } = new();

    public IReadOnlyList<OfficerView> History { get; private set; } = [];

    public async Task OnGetAsync(OfficerRole? role, CancellationToken cancellationToken)
    {
        Input.Role = role;
        Input.EffectiveOn = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        History = await getHistory.HandleAsync(null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Reading the history needs organization.read (the page); designating needs organization.manage.
        if (!User.HasPermission(Custos.Platform.Authorization.Permissions.OrganizationManage))
        {
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            try
            {
                var officer = await designate.HandleAsync(
                    new DesignateOfficerCommand(
                        Input.Role ?? (OfficerRole)(-1),
                        Input.Person.ToContact(),
                        Input.EffectiveOn ?? default,
                        Input.Note),
                    cancellationToken);
                TempData["Status"] = $"{officer.Name} is recorded as {Labels.For(officer.Role)} from {officer.EffectiveOn:yyyy-MM-dd}.";
                return Redirect("/organization/officers");
            }
            catch (InvalidRequestException invalid)
            {
                ModelState.AddRequestErrors(invalid);
            }
        }

        History = await getHistory.HandleAsync(null, cancellationToken);
        return Page();
    }

    public sealed class DesignationInput
    {
        public OfficerRole? Role { get; set; }

        public DateOnly? EffectiveOn { get; set; }

        public ContactInput Person { get; set; } = new();

        public string? Note { get; set; }
    }
}
