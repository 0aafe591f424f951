using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

public sealed class UpdateCustomerTests
{
    [Theory, AllDatabaseProviders]
    public async Task An_update_changes_the_details_and_the_updated_time_but_not_the_created_time(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var added = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));
        db.Time.Advance(TimeSpan.FromDays(7));
        var changed = Examples.Customer("Riverbend Health Partners", CustomerKind.HealthPlan, notificationWindowDays: 5);

        await db.RunAsync<UpdateCustomer, CustomerView>((h, ct) => h.HandleAsync(added.Id, changed, ct));

        var read = await db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(added.Id, ct));
        read.Name.ShouldBe("Riverbend Health Partners");
        read.Kind.ShouldBe(CustomerKind.HealthPlan);
        read.NotificationWindowDays.ShouldBe(5);
        read.CreatedAt.ShouldBe(TestDatabase.StartTime);
        read.UpdatedAt.ShouldBe(TestDatabase.StartTime.AddDays(7));
    }

    [Theory, AllDatabaseProviders]
    public async Task A_customer_keeps_its_own_name_in_another_case(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var added = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend community health"), ct));

        var updated = await db.RunAsync<UpdateCustomer, CustomerView>((h, ct) =>
            h.HandleAsync(added.Id, Examples.Customer("Riverbend Community Health"), ct));

        updated.Name.ShouldBe("Riverbend Community Health");
    }

    [Theory, AllDatabaseProviders]
    public async Task Renaming_to_another_customers_name_in_any_case_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));
        var other = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Summit Claims Exchange"), ct));

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<UpdateCustomer, CustomerView>((h, ct) => h.HandleAsync(other.Id, Examples.Customer("riverbend COMMUNITY health"), ct)));

        error.Errors.Keys.ShouldBe(["Name"]);
        (await db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(other.Id, ct))).ShouldBe(other);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_invalid_update_is_refused_and_leaves_the_customer_as_it_was(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var added = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<UpdateCustomer, CustomerView>((h, ct) => h.HandleAsync(added.Id, Examples.Customer("Riverbend", notificationWindowDays: 61), ct)));

        error.Errors.Keys.ShouldBe(["NotificationWindowDays"]);
        (await db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(added.Id, ct))).ShouldBe(added);
    }

    [Theory, AllDatabaseProviders]
    public async Task Updating_an_unknown_customer_is_reported_as_not_found(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        await Should.ThrowAsync<RecordNotFoundException>(() =>
            db.RunAsync<UpdateCustomer, CustomerView>((h, ct) => h.HandleAsync(Guid.CreateVersion7(TestDatabase.StartTime), Examples.Customer("Riverbend"), ct)));

        (await db.CountAsync<CoveredEntityCustomer>()).ShouldBe(0);
    }
}
