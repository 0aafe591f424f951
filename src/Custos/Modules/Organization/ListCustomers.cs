using System.Buffers.Text;
using System.Text;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

/// <param name="Search">Part of the customer's name, any case.</param>
/// <param name="Cursor">The <see cref="CustomerPage.NextCursor"/> of the previous page.</param>
/// <param name="Limit">Page size, 1 to <see cref="ListCustomers.MaximumLimit"/>.</param>
public sealed record ListCustomersQuery(string? Search = null, string? Cursor = null, int Limit = ListCustomers.DefaultLimit);

/// <summary>Customers by name, searchable, in pages with an opaque cursor (stable while rows are added).</summary>
public sealed class ListCustomers(AppDbContext db)
{
    public const int DefaultLimit = 25;
    public const int MaximumLimit = 200;

    public async Task<CustomerPage> HandleAsync(ListCustomersQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > MaximumLimit)
        {
            throw new InvalidRequestException(nameof(query.Limit), $"Ask for between 1 and {MaximumLimit} customers per page.");
        }

        var customers = db.Set<CoveredEntityCustomer>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + EscapeLike(CoveredEntityCustomer.ToSearchName(query.Search)) + "%";
            customers = customers.Where(c => EF.Functions.Like(c.SearchName, pattern, "\\"));
        }

        var total = await customers.CountAsync(cancellationToken);
        if (query.Cursor is not null)
        {
            var after = DecodeCursor(query.Cursor);
            // EF translates string.Compare to the database's own comparison, the same one ORDER BY uses below.
#pragma warning disable CA1309
            customers = customers.Where(c => string.Compare(c.SearchName, after) > 0);
#pragma warning restore CA1309
        }

        var rows = await customers.OrderBy(c => c.SearchName).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(query.Limit).Select(c => c.ToView()).ToList();
        var next = rows.Count > query.Limit ? EncodeCursor(rows[query.Limit - 1].SearchName) : null;
        return new CustomerPage(page, next, total);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private static string EncodeCursor(string searchName) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(searchName));

    private static string DecodeCursor(string cursor)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw new InvalidRequestException(nameof(ListCustomersQuery.Cursor), "The page cursor is not valid; start again from the first page.");
        }
    }
}
