using System.Buffers.Text;
using System.Text;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Validation;

namespace Custos.Modules.Safeguards;

/// <param name="Rule">security, breach, privacy or custom.</param>
/// <param name="Met">Only requirements met (true) or not met (false); not applicable ones are neither.</param>
/// <param name="Cursor">The <see cref="RequirementPage.NextCursor"/> of the previous page.</param>
public sealed record ListRequirementsQuery(
    string? Rule = null,
    RequirementFamily? Family = null,
    ImplementationStatus? Status = null,
    bool? Met = null,
    DateOnly? AsOf = null,
    string? Cursor = null,
    int Limit = ListRequirements.DefaultLimit);

public sealed record RequirementPage(IReadOnlyList<RequirementRow> Items, string? NextCursor, int TotalCount);

/// <summary>The register in regulation order, filtered, in pages with an opaque cursor (the last key of the previous page).</summary>
public sealed class ListRequirements(RequirementRegister register)
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 500;

    public async Task<RequirementPage> HandleAsync(ListRequirementsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > MaximumLimit)
        {
            throw new InvalidRequestException(nameof(query.Limit), $"Ask for between 1 and {MaximumLimit} requirements per page.");
        }

        if (query.Rule is not null && query.Rule is not ("security" or "breach" or "privacy" or "custom"))
        {
            throw new InvalidRequestException(nameof(query.Rule), "Filter by rule with security, breach, privacy or custom.");
        }

        var view = await register.BuildAsync(query.AsOf, cancellationToken);
        var rows = view.Rows.Where(r =>
            (query.Rule is null || r.RuleName == query.Rule)
            && (query.Family is null || r.Family == query.Family)
            && (query.Status is null || r.Implementation.Status == query.Status)
            && (query.Met is null || (query.Met.Value ? r.Compliance == ComplianceVerdict.Met : r.Compliance == ComplianceVerdict.NotMet))).ToList();
        var start = 0;
        if (query.Cursor is not null)
        {
            var after = Decode(query.Cursor);
            var index = rows.FindIndex(r => string.Equals(r.Key, after, StringComparison.Ordinal));
            start = index < 0
                ? throw new InvalidRequestException(nameof(query.Cursor), "The page cursor is not valid; start again from the first page.")
                : index + 1;
        }

        var page = rows.Skip(start).Take(query.Limit).ToList();
        var next = start + query.Limit < rows.Count ? Encode(page[^1].Key) : null;
        return new RequirementPage(page, next, rows.Count);
    }

    private static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    private static string Decode(string cursor)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw new InvalidRequestException(nameof(ListRequirementsQuery.Cursor), "The page cursor is not valid; start again from the first page.");
        }
    }
}
