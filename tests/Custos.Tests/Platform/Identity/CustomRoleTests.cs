using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Identity;

public sealed class CustomRoleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabaseProviders]
    public async Task A_custom_role_grants_exactly_its_permissions_and_changing_it_is_a_privilege_change_for_its_holders(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        await db.RunAsync<SaveCustomRole, RoleDefinition>((h, ct) => h.HandleAsync(new SaveCustomRoleCommand("Support Lead", [Permissions.IncidentsRead, Permissions.IncidentsReport]), ct));
        var userId = await db.CreateUserAsync("sam@custos.example", "Support Lead");

        var before = await db.RunAsync<PermissionResolver, EffectivePermissions>((r, ct) => r.ResolveAsync(userId, ct));
        before.Permissions.Order(StringComparer.Ordinal).ShouldBe([Permissions.IncidentsRead, Permissions.IncidentsReport]);

        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.RunAsync<SaveCustomRole, RoleDefinition>((h, ct) => h.HandleAsync(new SaveCustomRoleCommand("Support Lead", [Permissions.IncidentsReport]), ct));

        var after = await db.RunAsync<PermissionResolver, EffectivePermissions>((r, ct) => r.ResolveAsync(userId, ct));
        after.Permissions.ShouldBe([Permissions.IncidentsReport]);
        (await db.QueryAsync((ctx, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(ctx.Users.Select(u => u.PrivilegesChangedAt), ct)))
            .ShouldBe(db.Time.GetUtcNow());
        (await db.RunAsync<ListCustomRoles, IReadOnlyList<RoleDefinition>>((h, ct) => h.HandleAsync(ct))).Single().Permissions.ShouldBe([Permissions.IncidentsReport]);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_built_in_name_or_an_unknown_permission_is_refused_and_nothing_is_created(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);

        var builtIn = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<SaveCustomRole, RoleDefinition>((h, ct) => h.HandleAsync(new SaveCustomRoleCommand("privacy officer", [Permissions.IncidentsRead]), ct)));
        var unknown = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<SaveCustomRole, RoleDefinition>((h, ct) => h.HandleAsync(new SaveCustomRoleCommand("Support Lead", [Permissions.IncidentsRead, "incidents.delete"]), ct)));

        builtIn.Errors["Name"].Single().ShouldContain("is a built-in role");
        unknown.Errors["Permissions"].Single().ShouldStartWith("Unknown permissions 'incidents.delete'");
        await using var scope = db.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<RoleManager<CustosRole>>().RoleExistsAsync("Support Lead")).ShouldBeFalse();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_custom_role_nobody_holds_is_deleted_and_one_still_held_is_kept_with_its_holders_named(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        await db.RunAsync<SaveCustomRole, RoleDefinition>((h, ct) => h.HandleAsync(new SaveCustomRoleCommand("Support Lead", [Permissions.IncidentsRead]), ct));
        await db.RunAsync<SaveCustomRole, RoleDefinition>((h, ct) => h.HandleAsync(new SaveCustomRoleCommand("Night Desk", [Permissions.IncidentsReport]), ct));
        await db.CreateUserAsync("sam@custos.example", "Support Lead");

        var held = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<DeleteCustomRole>((h, ct) => h.HandleAsync("support lead", ct)));
        var builtIn = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<DeleteCustomRole>((h, ct) => h.HandleAsync("Engineer", ct)));
        await db.RunAsync<DeleteCustomRole>((h, ct) => h.HandleAsync("Night Desk", ct));
        var again = await Should.ThrowAsync<RecordNotFoundException>(() => db.RunAsync<DeleteCustomRole>((h, ct) => h.HandleAsync("Night Desk", ct)));

        held.Errors["Name"].Single().ShouldBe("'Support Lead' is held by 1 person (sam@custos.example): give them other roles first (custos users roles).");
        builtIn.Errors["Name"].Single().ShouldContain("built-in roles cannot be deleted");
        again.ShouldNotBeNull();
        (await db.RunAsync<ListCustomRoles, IReadOnlyList<RoleDefinition>>((h, ct) => h.HandleAsync(ct))).Select(r => r.Name).ShouldBe(["Support Lead"]);
        (await db.QueryAsync((ctx, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            ctx.RoleClaims.Where(c => c.ClaimValue == Permissions.IncidentsReport), ct))).ShouldBe(0);
        (await db.QueryAsync((ctx, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            ctx.Set<Custos.Platform.Audit.AuditEntry>().Where(e => e.Action == "roles.delete"), ct))).ResourceId.ShouldBe("Night Desk");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_custom_role_named_by_a_pending_elevation_is_kept_until_the_request_is_decided(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        await db.RunAsync<SaveCustomRole, RoleDefinition>((h, ct) => h.HandleAsync(new SaveCustomRoleCommand("Support Lead", [Permissions.IncidentsRead]), ct));
        var requester = await TestUsers.CreateAsync(db, "eli@custos.example", BuiltInRoles.WorkforceMember);
        db.Actor.Actor = TestUsers.ActorFor(requester);
        await db.RunAsync<Custos.Modules.AccessGovernance.RequestElevation, Custos.Modules.AccessGovernance.ElevationView>((h, ct) =>
            h.HandleAsync(new Custos.Modules.AccessGovernance.RequestElevationCommand("Support Lead", "INC-2207: read the incident queue overnight", 60), ct));

        var pending = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<DeleteCustomRole>((h, ct) => h.HandleAsync("Support Lead", ct)));
        db.Time.Advance(TimeSpan.FromHours(25)); // undecided for a day: the request has lapsed
        await db.RunAsync<DeleteCustomRole>((h, ct) => h.HandleAsync("Support Lead", ct));

        pending.Errors["Name"].Single().ShouldBe("'Support Lead' is named by 1 elevation pending or in force: delete it once they are decided or have ended.");
        (await db.RunAsync<ListCustomRoles, IReadOnlyList<RoleDefinition>>((h, ct) => h.HandleAsync(ct))).ShouldBeEmpty();
    }
}
