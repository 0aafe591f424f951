using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Validation;
using Custos.Web.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Organization.Customers;

[Custos.Web.Hosting.RequirePermission(Custos.Platform.Authorization.Permissions.OrganizationRead)]
public sealed class IndexModel(ListCustomers listCustomers) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public CustomerPage Results { get; private set; } = new([], null, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The table alone, for htmx live search.</summary>
    public async Task<IActionResult> OnGetTableAsync(CancellationToken cancellationToken)
    {
        Cursor = null;
        await LoadAsync(cancellationToken);
        return Partial("_CustomerTable", this);
    }

    /// <summary>The whole register (matching the search, if any) as CSV or XLSX, for spreadsheets and auditors.</summary>
    public async Task<IActionResult> OnGetExportAsync(RegisterFormat format, CancellationToken cancellationToken)
    {
        var rows = new List<CustomerView>();
        string? cursor = null;
        do
        {
            var page = await listCustomers.HandleAsync(new ListCustomersQuery(Search, cursor, ListCustomers.MaximumLimit), cancellationToken);
            rows.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var register = new Register(
            "Covered-entity customers",
            [
                "Name", "Kind", "Breach notice window (days)", "BAA delegates notices", "Breach-notice contact", "Breach-notice email", "Breach-notice phone",
                "Rights-request contact", "Rights-request email", "BAA effective", "Notes", "Updated (UTC)",
            ],
            rows.Select(c => (IReadOnlyList<object?>)
            [
                c.Name, Labels.For(c.Kind), c.NotificationWindowDays, c.DelegatesBreachNotices ? "Yes" : "No", c.BreachNoticeContact.Name, c.BreachNoticeContact.Email,
                c.BreachNoticeContact.Phone, c.RightsRequestContact?.Name, c.RightsRequestContact?.Email, c.BaaEffectiveOn, c.Notes, c.UpdatedAt,
            ]).ToList());
        var (content, contentType, fileName) = RegisterExport.Write(register, format, "custos-customers");
        return File(content, contentType, fileName);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Results = await listCustomers.HandleAsync(new ListCustomersQuery(Search, Cursor, PageSize), cancellationToken);
        }
        catch (InvalidRequestException)
        {
            // A stale or tampered cursor: start again from the first page rather than fail.
            Cursor = null;
            Results = await listCustomers.HandleAsync(new ListCustomersQuery(Search, null, PageSize), cancellationToken);
        }
    }
}
