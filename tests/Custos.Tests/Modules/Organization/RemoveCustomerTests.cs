using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

public sealed class RemoveCustomerTests
{
    [Theory, AllDatabaseProviders]
    public async Task A_removed_customer_can_no_longer_be_read_and_the_others_remain(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var removed = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));
        var kept = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Summit Claims Exchange"), ct));

        await db.RunAsync<RemoveCustomer>((h, ct) => h.HandleAsync(removed.Id, ct));

        await Should.ThrowAsync<RecordNotFoundException>(() => db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(removed.Id, ct)));
        (await db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(kept.Id, ct))).ShouldBe(kept);
    }

    [Theory, AllDatabaseProviders]
    public async Task Removing_an_unknown_customer_is_reported_as_not_found(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));
        var unknown = Guid.CreateVersion7(TestDatabase.StartTime);

        var error = await Should.ThrowAsync<RecordNotFoundException>(() => db.RunAsync<RemoveCustomer>((h, ct) => h.HandleAsync(unknown, ct)));

        error.RecordId.ShouldBe(unknown.ToString());
        (await db.CountAsync<CoveredEntityCustomer>()).ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_removed_customers_name_can_be_used_again(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var removed = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));
        await db.RunAsync<RemoveCustomer>((h, ct) => h.HandleAsync(removed.Id, ct));

        var added = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));

        added.Id.ShouldNotBe(removed.Id);
    }
}
