using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Organization.Customers;

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

    /// <summary>The whole register as CSV (RFC 4180), for spreadsheets and auditors.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
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

        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        // Cells starting with = + - @ are escaped so a spreadsheet never runs them as formulas (CSV injection).
        await using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var header in new[]
            {
                "Name", "Kind", "Breach notice window (days)", "Breach-notice contact", "Breach-notice email", "Breach-notice phone",
                "Rights-request contact", "Rights-request email", "BAA effective", "Notes", "Updated (UTC)",
            })
            {
                csv.WriteField(header);
            }

            await csv.NextRecordAsync();
            foreach (var c in rows)
            {
                csv.WriteField(c.Name);
                csv.WriteField(Labels.For(c.Kind));
                csv.WriteField(c.NotificationWindowDays);
                csv.WriteField(c.BreachNoticeContact.Name);
                csv.WriteField(c.BreachNoticeContact.Email);
                csv.WriteField(c.BreachNoticeContact.Phone);
                csv.WriteField(c.RightsRequestContact?.Name);
                csv.WriteField(c.RightsRequestContact?.Email);
                csv.WriteField(c.BaaEffectiveOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(c.Notes);
                csv.WriteField(c.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                await csv.NextRecordAsync();
            }
        }

        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", "custos-customers.csv");
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
