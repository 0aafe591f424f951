using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

public sealed class GetCustomerTests
{
    [Theory, AllDatabaseProviders]
    public async Task A_customer_is_found_by_its_id(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));
        var wanted = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Summit Claims Exchange"), ct));

        var found = await db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(wanted.Id, ct));

        found.Name.ShouldBe("Summit Claims Exchange");
    }

    [Theory, AllDatabaseProviders]
    public async Task An_unknown_id_is_reported_as_not_found(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var unknown = Guid.CreateVersion7(TestDatabase.StartTime);

        var error = await Should.ThrowAsync<RecordNotFoundException>(() =>
            db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(unknown, ct)));

        error.RecordType.ShouldBe("customer");
        error.RecordId.ShouldBe(unknown.ToString());
    }
}
