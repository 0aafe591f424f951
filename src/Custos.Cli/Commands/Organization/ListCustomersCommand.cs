using System.CommandLine;
using System.Globalization;
using Custos.Cli.Commands.Database;
using Custos.Cli.Output;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Organization;

internal static class ListCustomersCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var search = new Option<string?>("--search")
        {
            Description = "Only customers whose name contains this text (any case).",
            HelpName = "text",
        };
        var limit = new Option<int>("--limit")
        {
            Description = "List at most this many customers, fetching as many pages as that takes.",
            HelpName = "count",
            DefaultValueFactory = _ => ListCustomers.DefaultLimit,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
                {
                    return value;
                }

                result.AddError($"--limit takes a whole number of customers, 1 or more (not '{text}').");
                return ListCustomers.DefaultLimit;
            },
        };
        var all = new Option<bool>("--all") { Description = "List every customer, however many there are." };
        var cursor = new Option<string?>("--cursor")
        {
            Description = "Continue after an earlier listing: the nextCursor value it printed.",
            HelpName = "cursor",
        };

        var command = new Command(
            "customers",
            "List the covered-entity customers: name, kind, breach-notice window from the BAA, BAA start and who receives " +
            "breach notices, then those whose BAA has us send the notices to individuals, media and the Secretary. Sorted by name.")
        {
            search,
            limit,
            all,
            cursor,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(all) is { Implicit: false } && result.GetResult(limit) is { Implicit: false })
            {
                result.AddError("Use either --all or --limit, not both.");
            }
        });

        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var listing = await CollectAsync(
                services.GetRequiredService<ListCustomers>(),
                parseResult.GetValue(search),
                parseResult.GetValue(all) ? null : parseResult.GetValue(limit),
                parseResult.GetValue(cursor),
                cancellationToken);
            output.Write(listing, result => WriteText(output, result));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>Walks the handler's pages by cursor until <paramref name="limit"/> customers (or all of them).</summary>
    private static async Task<CustomerListing> CollectAsync(
        ListCustomers listCustomers, string? search, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var items = new List<CustomerView>();
        var total = 0;
        string? next = cursor;
        do
        {
            var pageSize = Math.Min(ListCustomers.MaximumLimit, limit is { } wanted ? wanted - items.Count : ListCustomers.MaximumLimit);
            var page = await listCustomers.HandleAsync(new ListCustomersQuery(search, next, pageSize), cancellationToken);
            items.AddRange(page.Items);
            total = page.TotalCount;
            next = page.NextCursor;
        }
        while (next is not null && (limit is null || items.Count < limit));

        return new CustomerListing(search, total, items.Count, items, next);
    }

    private static void WriteText(CommandOutput output, CustomerListing listing)
    {
        if (listing.Items.Count == 0)
        {
            output.Line(listing.Search is not null
                ? $"No customers match '{listing.Search}'."
                : "No covered-entity customers recorded yet: add them in Custos (Organization, Customers) or run `custos demo seed`.");
            return;
        }

        var table = new TextTable("NAME", "KIND", "NOTICE", "BAA SINCE", "BREACH NOTICES TO");
        foreach (var customer in listing.Items)
        {
            table.AddRow(
                customer.Name,
                DisplayText.Of(customer.Kind),
                DisplayText.Count(customer.NotificationWindowDays, "day", "days"),
                DisplayText.Of(customer.BaaEffectiveOn),
                customer.BreachNoticeContact.Email);
        }

        output.Table(table);

        // Who sends the notices to individuals, media and the Secretary is the covered entity's duty unless its BAA
        // delegates it (45 CFR 164.404-164.408): said under the table, which has no room for another column.
        var delegating = listing.Items.Where(c => c.DelegatesBreachNotices).Select(c => c.Name).ToList();
        if (delegating.Count > 0)
        {
            output.Line();
            output.Line($"Their BAA has us send the breach notices to individuals, media and the Secretary: {string.Join(", ", delegating)}.");
        }

        output.Line();
        var matching = listing.Search is null ? string.Empty : $" matching '{listing.Search}'";
        if (listing.NextCursor is null)
        {
            output.Line($"{DisplayText.Count(listing.Count, "customer", "customers")}{matching}.");
        }
        else
        {
            output.Line(
                $"Showing {listing.Count} of {DisplayText.Count(listing.TotalCount, "customer", "customers")}{matching}. " +
                $"Use --all to list every one, or --cursor {listing.NextCursor} to continue.");
        }
    }
}

/// <param name="TotalCount">Customers matching the search, listed or not.</param>
/// <param name="NextCursor">Pass to --cursor to continue; null when nothing is left.</param>
internal sealed record CustomerListing(string? Search, int TotalCount, int Count, IReadOnlyList<CustomerView> Items, string? NextCursor);
