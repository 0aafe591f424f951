using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

public sealed class ListCustomersTests
{
    [Theory, AllDatabaseProviders]
    public async Task Customers_are_listed_by_name_whatever_their_case(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await AddAsync(db, "cascade", "Beacon", "Alder");

        var page = await ListAsync(db, new ListCustomersQuery());

        page.Items.Select(c => c.Name).ShouldBe(["Alder", "Beacon", "cascade"]);
        page.TotalCount.ShouldBe(3);
        page.NextCursor.ShouldBeNull();
    }

    [Theory, AllDatabaseProviders]
    public async Task Search_matches_part_of_the_name_in_any_case(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await AddAsync(db, "Riverbend Community Health", "Cascade Family Health Plan", "Summit Claims Exchange");

        var page = await ListAsync(db, new ListCustomersQuery(Search: "HEALTH"));

        page.Items.Select(c => c.Name).ShouldBe(["Cascade Family Health Plan", "Riverbend Community Health"]);
        page.TotalCount.ShouldBe(2);
    }

    [Theory, AllDatabaseProviders]
    public async Task Search_treats_a_percent_sign_as_a_character_not_a_wildcard(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await AddAsync(db, "100% Care Clinic", "1000 Care Clinic", "Care Clinic");

        var page = await ListAsync(db, new ListCustomersQuery(Search: "0% care"));

        page.Items.Select(c => c.Name).ShouldBe(["100% Care Clinic"]);
    }

    [Theory, AllDatabaseProviders]
    public async Task Search_treats_an_underscore_as_a_character_not_a_wildcard(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await AddAsync(db, "Care_Plus", "CarePlus", "Care-Plus");

        var page = await ListAsync(db, new ListCustomersQuery(Search: "care_"));

        page.Items.Select(c => c.Name).ShouldBe(["Care_Plus"]);
    }

    [Theory, AllDatabaseProviders]
    public async Task Search_treats_a_backslash_as_a_character(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await AddAsync(db, @"North\South Health", "NorthSouth Health", "North%South Health");

        var page = await ListAsync(db, new ListCustomersQuery(Search: @"h\s"));

        page.Items.Select(c => c.Name).ShouldBe([@"North\South Health"]);
    }

    [Theory, AllDatabaseProviders]
    public async Task Paging_with_the_cursor_visits_every_customer_once_in_name_order(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        string[] names = ["Clinic G", "Clinic A", "clinic e", "Clinic C", "Clinic B", "Clinic F", "Clinic D"];
        await AddAsync(db, names);

        var pages = await WalkAsync(db, search: null, limit: 3);

        pages.Select(p => p.Items.Count).ShouldBe([3, 3, 1]);
        pages.ShouldAllBe(p => p.TotalCount == 7);
        pages.SelectMany(p => p.Items).Select(c => c.Name)
            .ShouldBe(["Clinic A", "Clinic B", "Clinic C", "Clinic D", "clinic e", "Clinic F", "Clinic G"]);
    }

    [Theory, AllDatabaseProviders]
    public async Task Paging_ends_without_an_empty_page_when_the_last_page_is_full(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await AddAsync(db, "Alder", "Beacon", "Cedar", "Dogwood");

        var pages = await WalkAsync(db, search: null, limit: 2);

        pages.Select(p => p.Items.Count).ShouldBe([2, 2]);
        pages[^1].NextCursor.ShouldBeNull();
    }

    [Theory, AllDatabaseProviders]
    public async Task Paging_within_a_search_stays_within_the_search(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await AddAsync(db, "Alder Health", "Beacon Claims", "Cedar Health", "Dogwood Health", "Elm Claims", "Fir Health");

        var pages = await WalkAsync(db, search: "health", limit: 3);

        pages.SelectMany(p => p.Items).Select(c => c.Name).ShouldBe(["Alder Health", "Cedar Health", "Dogwood Health", "Fir Health"]);
        pages.ShouldAllBe(p => p.TotalCount == 4);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_customer_added_before_the_cursor_while_paging_does_not_shift_the_later_pages(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await AddAsync(db, "Clinic B", "Clinic C", "Clinic D", "Clinic E");
        var first = await ListAsync(db, new ListCustomersQuery(Limit: 2));
        await AddAsync(db, "Clinic A");

        var second = await ListAsync(db, new ListCustomersQuery(Cursor: first.NextCursor, Limit: 2));

        first.Items.Select(c => c.Name).ShouldBe(["Clinic B", "Clinic C"]);
        second.Items.Select(c => c.Name).ShouldBe(["Clinic D", "Clinic E"]);
        second.NextCursor.ShouldBeNull();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_page_size_outside_1_to_200_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await AddAsync(db, "Alder");

        var tooSmall = await Should.ThrowAsync<InvalidRequestException>(() => ListAsync(db, new ListCustomersQuery(Limit: 0)));
        var tooLarge = await Should.ThrowAsync<InvalidRequestException>(() => ListAsync(db, new ListCustomersQuery(Limit: 201)));
        var largest = await ListAsync(db, new ListCustomersQuery(Limit: 200));
        var smallest = await ListAsync(db, new ListCustomersQuery(Limit: 1));

        tooSmall.Errors.Keys.ShouldBe(["Limit"]);
        tooLarge.Errors.Keys.ShouldBe(["Limit"]);
        largest.Items.Count.ShouldBe(1);
        smallest.Items.Count.ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_cursor_that_the_list_did_not_issue_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await AddAsync(db, "Alder");

        var error = await Should.ThrowAsync<InvalidRequestException>(() => ListAsync(db, new ListCustomersQuery(Cursor: "not a cursor!")));

        error.Errors.Keys.ShouldBe(["Cursor"]);
    }

    private static async Task AddAsync(TestDatabase db, params string[] names)
    {
        foreach (var name in names)
        {
            await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer(name), ct));
        }
    }

    private static Task<CustomerPage> ListAsync(TestDatabase db, ListCustomersQuery query) =>
        db.RunAsync<ListCustomers, CustomerPage>((h, ct) => h.HandleAsync(query, ct));

    /// <summary>Follows the cursor to the end; stops at 100 pages so that a cursor that never ends fails the test.</summary>
    private static async Task<List<CustomerPage>> WalkAsync(TestDatabase db, string? search, int limit)
    {
        var pages = new List<CustomerPage>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(db, new ListCustomersQuery(search, cursor, limit));
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 100);

        cursor.ShouldBeNull("the cursor should reach the end");
        return pages;
    }
}
