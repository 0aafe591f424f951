using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <param name="Search">Part of the reference or summary, any case.</param>
/// <param name="Status">Only this status.</param>
/// <param name="Severity">Only this severity.</param>
/// <param name="Open">true: not closed; false: closed only.</param>
/// <param name="Cursor">The <see cref="IncidentPage.NextCursor"/> of the previous page.</param>
/// <param name="Limit">Page size, 1 to <see cref="ListIncidents.MaximumLimit"/>.</param>
public sealed record ListIncidentsQuery(
    string? Search = null, IncidentStatus? Status = null, IncidentSeverity? Severity = null, bool? Open = null, string? Cursor = null, int Limit = ListIncidents.DefaultLimit);

/// <summary>Incidents, newest report first, in pages with an opaque cursor. Never reads PHI.</summary>
public sealed class ListIncidents(AppDbContext db)
{
    public const int DefaultLimit = 25;
    public const int MaximumLimit = 200;

    public async Task<IncidentPage> HandleAsync(ListIncidentsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > MaximumLimit)
        {
            throw new InvalidRequestException(nameof(query.Limit), $"Ask for between 1 and {MaximumLimit} incidents per page.");
        }

        var incidents = db.Set<Incident>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF translates ToUpper and Contains to SQL UPPER and LIKE/strpos on both providers.
            incidents = incidents.Where(i => i.Reference.Contains(term) || i.Summary.ToUpper().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (query.Status is { } status)
        {
            incidents = incidents.Where(i => i.Status == status);
        }

        if (query.Severity is { } severity)
        {
            incidents = incidents.Where(i => i.Severity == severity);
        }

        if (query.Open is { } open)
        {
            incidents = open ? incidents.Where(i => i.Status != IncidentStatus.Closed) : incidents.Where(i => i.Status == IncidentStatus.Closed);
        }

        var total = await incidents.CountAsync(cancellationToken);
        if (query.Cursor is not null)
        {
            var (at, reference) = Decode(query.Cursor);
#pragma warning disable CA1309 // EF translates string.Compare to the database's comparison, the one ORDER BY uses.
            incidents = incidents.Where(i => i.ReportedAt < at || (i.ReportedAt == at && string.Compare(i.Reference, reference) < 0));
#pragma warning restore CA1309
        }

        var rows = await incidents.OrderByDescending(i => i.ReportedAt).ThenByDescending(i => i.Reference).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(query.Limit).Select(i => i.ToSummary()).ToList();
        var next = rows.Count > query.Limit ? Encode(rows[query.Limit - 1]) : null;
        return new IncidentPage(page, next, total);
    }

    private static string Encode(Incident last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{last.ReportedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{last.Reference}"));

    private static (DateTimeOffset At, string Reference) Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
            return (new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero), parts[1]);
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new InvalidRequestException(nameof(ListIncidentsQuery.Cursor), "The page cursor is not valid; start again from the first page.");
        }
    }
}
