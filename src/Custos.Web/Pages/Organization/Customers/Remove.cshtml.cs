using Custos.Modules.Organization;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Organization.Customers;

[Custos.Web.Hosting.RequirePermission(Custos.Platform.Authorization.Permissions.OrganizationManage)]
public sealed class RemoveModel(GetCustomer getCustomer, RemoveCustomer removeCustomer) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public string Name { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Name = (await getCustomer.HandleAsync(Id, cancellationToken)).Name;
            return Page();
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var name = (await getCustomer.HandleAsync(Id, cancellationToken)).Name;
            await removeCustomer.HandleAsync(Id, cancellationToken);
            TempData["Status"] = $"{name} removed.";
            return Redirect("/organization/customers");
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
    }
}
