using Custos.Platform.Audit;
using Custos.Platform.Authorization;
using Custos.Platform.Security;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Audit;

/// <summary>Ledger search (45 CFR 164.308(a)(1)(ii)(D), information system activity review).</summary>
[RequirePermission(Permissions.AuditRead)]
public sealed class IndexModel(AuditLedgerReader reader) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ResourceType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ResourceId { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public AuditOutcome? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public AuditPage Results { get; private set; } = new([], null);

    public bool CanExport => User.HasPermission(Permissions.AuditExport);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Results = await reader.SearchAsync(ToSearch(Before, PageSize), cancellationToken);

    /// <summary>The filters as a query string, for paging and export links.</summary>
    public string Query(long? before = null, string? format = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("actor", Actor);
        Add("resourceType", ResourceType);
        Add("resourceId", ResourceId);
        Add("action", ActionName);
        Add("outcome", Outcome?.ToString());
        Add("from", format is null ? From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : StartOf(From)?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", format is null ? To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : StartOf(To?.AddDays(1))?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("before", before?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("format", format);
        return string.Join("&", parts);
    }

    private AuditSearch ToSearch(long? before, int limit) =>
        new(Actor, ResourceType, ResourceId, ActionName, Outcome, StartOf(From), StartOf(To?.AddDays(1)), before, limit);

    private static DateTimeOffset? StartOf(DateOnly? day) =>
        day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
}
