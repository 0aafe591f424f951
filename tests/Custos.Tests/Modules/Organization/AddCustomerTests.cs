using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

public sealed class AddCustomerTests
{
    [Theory, AllDatabaseProviders]
    public async Task An_added_customer_can_be_read_back_with_every_detail(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var details = Examples.Customer("  Cascade Family Health Plan ", CustomerKind.HealthPlan, notificationWindowDays: 10) with
        {
            RightsRequestContact = Examples.Contact("Member Services", "members@cascadefamilyplan.example"),
            Notes = " Nurse-line telehealth for plan members. ",
        };

        var added = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(details, ct));

        var read = await db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(added.Id, ct));
        read.ShouldBe(added);
        read.Name.ShouldBe("Cascade Family Health Plan");
        read.Kind.ShouldBe(CustomerKind.HealthPlan);
        read.BreachNoticeContact.ShouldBe(details.BreachNoticeContact);
        read.RightsRequestContact.ShouldBe(details.RightsRequestContact);
        read.NotificationWindowDays.ShouldBe(10);
        read.BaaEffectiveOn.ShouldBe(new DateOnly(2025, 1, 15));
        read.Notes.ShouldBe("Nurse-line telehealth for plan members.");
        read.CreatedAt.ShouldBe(TestDatabase.StartTime);
        read.UpdatedAt.ShouldBe(TestDatabase.StartTime);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_customer_without_a_rights_request_contact_reads_back_without_one(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var added = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Summit Claims Exchange"), ct));

        var read = await db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(added.Id, ct));

        read.RightsRequestContact.ShouldBeNull();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_name_that_differs_only_in_case_and_spacing_is_refused_as_a_duplicate(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer(" RIVERBEND community health "), ct)));

        error.Errors.Keys.ShouldBe(["Name"]);
        (await db.CountAsync<CoveredEntityCustomer>()).ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_notification_window_of_the_full_60_days_is_accepted(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var added = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend", notificationWindowDays: 60), ct));

        added.NotificationWindowDays.ShouldBe(60);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_notification_window_longer_than_the_60_days_of_164_410_b_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend", notificationWindowDays: 61), ct)));

        error.Errors.Keys.ShouldBe(["NotificationWindowDays"]);
        error.Errors["NotificationWindowDays"].ShouldHaveSingleItem().ShouldContain("164.410(b)");
        (await db.CountAsync<CoveredEntityCustomer>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_notification_window_of_less_than_one_day_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend", notificationWindowDays: 0), ct)));

        error.Errors.Keys.ShouldBe(["NotificationWindowDays"]);
        (await db.CountAsync<CoveredEntityCustomer>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_customer_kind_outside_the_defined_values_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend", (CustomerKind)3), ct)));

        error.Errors.Keys.ShouldBe(["Kind"]);
        (await db.CountAsync<CoveredEntityCustomer>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_breach_notice_contact_without_a_valid_email_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var details = Examples.Customer("Riverbend") with { BreachNoticeContact = Examples.Contact(email: "privacy office") };

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(details, ct)));

        error.Errors.Keys.ShouldBe(["BreachNoticeContact.Email"]);
        (await db.CountAsync<CoveredEntityCustomer>()).ShouldBe(0);
    }
}
