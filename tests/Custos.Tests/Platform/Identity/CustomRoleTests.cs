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
}
