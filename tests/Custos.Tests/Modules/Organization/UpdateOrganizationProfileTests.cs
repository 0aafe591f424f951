using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

public sealed class UpdateOrganizationProfileTests
{
    [Theory, AllDatabaseProviders]
    public async Task The_first_update_records_the_profile(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var command = Examples.Profile();

        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(command, ct));

        var profile = (await db.RunAsync<GetOrganizationProfile, OrganizationOverview>((h, ct) => h.HandleAsync(ct))).Profile;
        profile.ShouldNotBeNull();
        profile.LegalName.ShouldBe("Brightwater Telehealth, Inc.");
        profile.EntityType.ShouldBe(EntityType.BusinessAssociate);
        profile.Address.ShouldBe(command.Address);
        profile.MainContact.ShouldBe(command.MainContact);
        profile.UpdatedAt.ShouldBe(TestDatabase.StartTime);
        profile.UpdatedBy.ShouldBe(TestActor.Default.DisplayName);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_later_update_changes_the_one_profile_instead_of_adding_another(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile(), ct));
        db.Time.Advance(TimeSpan.FromDays(3));
        db.Actor.Actor = new Actor(ActorKind.User, "officer-2", "Renee Hall");

        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) =>
            h.HandleAsync(Examples.Profile("Brightwater Health Software, LLC", EntityType.SubcontractorBusinessAssociate), ct));

        (await db.CountAsync<OrganizationProfile>()).ShouldBe(1);
        var profile = (await db.RunAsync<GetOrganizationProfile, OrganizationOverview>((h, ct) => h.HandleAsync(ct))).Profile;
        profile.ShouldNotBeNull();
        profile.LegalName.ShouldBe("Brightwater Health Software, LLC");
        profile.EntityType.ShouldBe(EntityType.SubcontractorBusinessAssociate);
        profile.UpdatedAt.ShouldBe(TestDatabase.StartTime.AddDays(3));
        profile.UpdatedBy.ShouldBe("Renee Hall");
    }

    [Theory, AllDatabaseProviders]
    public async Task Text_is_stored_without_surrounding_spaces_and_blank_optional_text_as_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var command = Examples.Profile("  Brightwater Telehealth, Inc.  ") with
        {
            Address = Examples.Address() with { Line2 = "   ", City = " Portland " },
            MainContact = new ContactPerson(" Dana Whitfield ", " dana.whitfield@brightwater.example ", " ", null),
        };

        var saved = await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(command, ct));

        saved.LegalName.ShouldBe("Brightwater Telehealth, Inc.");
        saved.Address.Line2.ShouldBeNull();
        saved.Address.City.ShouldBe("Portland");
        saved.MainContact.ShouldBe(new ContactPerson("Dana Whitfield", "dana.whitfield@brightwater.example", null, null));
    }

    [Theory, AllDatabaseProviders]
    public async Task An_empty_legal_name_is_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile("  "), ct)));

        error.Errors.Keys.ShouldBe(["LegalName"]);
        (await db.CountAsync<OrganizationProfile>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_main_contact_email_that_is_not_an_address_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var command = Examples.Profile() with { MainContact = Examples.Contact(email: "dana.whitfield at brightwater") };

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(command, ct)));

        error.Errors.Keys.ShouldBe(["MainContact.Email"]);
        (await db.CountAsync<OrganizationProfile>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_entity_type_outside_the_defined_values_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile(entityType: (EntityType)42), ct)));

        error.Errors.Keys.ShouldBe(["EntityType"]);
        (await db.CountAsync<OrganizationProfile>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task Every_invalid_field_is_reported_at_once_and_the_saved_profile_is_left_as_it_was(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile(), ct));
        var command = new UpdateOrganizationProfileCommand(
            "",
            (EntityType)(-1),
            Examples.Address() with { City = "" },
            Examples.Contact(email: "not-an-email"));

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(command, ct)));

        error.Errors.Keys.ShouldBe(["LegalName", "EntityType", "Address.City", "MainContact.Email"], ignoreOrder: true);
        var profile = (await db.RunAsync<GetOrganizationProfile, OrganizationOverview>((h, ct) => h.HandleAsync(ct))).Profile;
        profile.ShouldNotBeNull().LegalName.ShouldBe("Brightwater Telehealth, Inc.");
    }
}
