using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Organization.Customers;

/// <summary>Adds a customer (at /organization/customers/new) or edits one.</summary>
[Custos.Web.Hosting.RequirePermission(Custos.Platform.Authorization.Permissions.OrganizationManage)]
public sealed class EditModel(GetCustomer getCustomer, AddCustomer addCustomer, UpdateCustomer updateCustomer) : PageModel
{
    [FromRoute]
    public Guid? Id { get; set; }

    [BindProperty]
    public CustomerInput Input { get; set; } = new();

    public string? OriginalName { get; private set; }

    public bool IsNew => Id is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (IsNew)
        {
            return Page();
        }

        try
        {
            var customer = await getCustomer.HandleAsync(Id!.Value, cancellationToken);
            OriginalName = customer.Name;
            Input = CustomerInput.From(customer);
            return Page();
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var details = Input.ToDetails();
            var saved = IsNew
                ? await addCustomer.HandleAsync(details, cancellationToken)
                : await updateCustomer.HandleAsync(Id!.Value, details, cancellationToken);
            TempData["Status"] = IsNew ? $"{saved.Name} added." : $"{saved.Name} saved.";
            return Redirect("/organization/customers");
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid);
            return Page();
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
    }

    public sealed class CustomerInput
    {
        public string? Name { get; set; }

        public CustomerKind? Kind { get; set; }

        public int? NotificationWindowDays { get; set; }

        public DateOnly? BaaEffectiveOn { get; set; }

        public bool DelegatesBreachNotices { get; set; }

        public ContactInput BreachNoticeContact { get; set; } = new();

        public ContactInput RightsRequestContact { get; set; } = new();

        public string? Notes { get; set; }

        public static CustomerInput From(CustomerView c) => new()
        {
            Name = c.Name,
            Kind = c.Kind,
            NotificationWindowDays = c.NotificationWindowDays,
            BaaEffectiveOn = c.BaaEffectiveOn,
            DelegatesBreachNotices = c.DelegatesBreachNotices,
            BreachNoticeContact = ContactInput.From(c.BreachNoticeContact),
            RightsRequestContact = ContactInput.From(c.RightsRequestContact),
            Notes = c.Notes,
        };

        public CustomerDetails ToDetails() => new(
            Name ?? string.Empty,
            Kind ?? (CustomerKind)(-1),
            BreachNoticeContact.ToContact(),
            RightsRequestContact.IsBlank ? null : RightsRequestContact.ToContact(),
            NotificationWindowDays ?? 0,
            BaaEffectiveOn,
            Notes,
            DelegatesBreachNotices);
    }
}
