using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Custos.Platform.Identity.Users;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Identity;

public sealed class UserAdministrationTests
{
    private static readonly Actor Operator = new(ActorKind.Operator, "ops", "ops (custos CLI)");
    private const string Password = "four unrelated words here";

    [Theory, AllDatabaseProviders]
    public async Task A_created_user_has_no_password_until_they_use_the_one_time_link(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;

        var created = await Create(db, "wren@custos.example", BuiltInRoles.WorkforceMember);
        var token = Token(created);
        var activated = await db.RunAsync<ActivateAccount, Guid>((h, ct) => h.HandleAsync(new ActivateAccountCommand(token, Password), ct));
        var again = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<ActivateAccount, Guid>((h, ct) => h.HandleAsync(new ActivateAccountCommand(token, "another long passphrase"), ct)));

        created.User.HasPassword.ShouldBeFalse();
        created.User.Roles.ShouldBe([BuiltInRoles.WorkforceMember]);
        created.ActivationPath.ShouldStartWith("/account/activate?token=");
        created.ActivationExpiresAt.ShouldBe(TestDatabase.StartTime.AddDays(3));
        activated.ShouldBe(created.User.Id);
        (await CheckPassword(db, "wren@custos.example", Password)).ShouldBeTrue();
        again.Errors["Token"].ShouldHaveSingleItem().ShouldBe(ActivateAccount.InvalidLink);
        (await CheckPassword(db, "wren@custos.example", "another long passphrase")).ShouldBeFalse();
        var createdEvent = await db.QueryAsync((ctx, ct) => ctx.Set<Custos.Platform.Audit.AuditEntry>().SingleAsync(e => e.Action == "users.create", ct));
        createdEvent.ActorKind.ShouldBe(ActorKind.Operator);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_refused_password_leaves_the_link_usable_and_an_expired_link_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var token = Token(await Create(db, "wren@custos.example", BuiltInRoles.WorkforceMember));

        var weak = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<ActivateAccount, Guid>((h, ct) => h.HandleAsync(new ActivateAccountCommand(token, "short"), ct)));
        var stillValid = await db.RunAsync<ActivateAccount, string?>((h, ct) => h.CheckAsync(token, ct));
        db.Time.Advance(TimeSpan.FromDays(3));
        var expired = await db.RunAsync<ActivateAccount, string?>((h, ct) => h.CheckAsync(token, ct));

        weak.Errors.Keys.ShouldBe(["Password"]);
        stillValid.ShouldBe("wren@custos.example");
        expired.ShouldBeNull();
    }

    [Theory, AllDatabaseProviders]
    public async Task An_unknown_role_or_an_auditor_without_an_end_date_is_refused_and_nobody_is_created(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;

        var unknown = await Should.ThrowAsync<InvalidRequestException>(() => Create(db, "x@custos.example", "Superuser"));
        var auditor = await Should.ThrowAsync<InvalidRequestException>(() => Create(db, "audit@custos.example", BuiltInRoles.Auditor));
        var timeBound = await Create(db, "audit@custos.example", BuiltInRoles.Auditor, TestDatabase.StartTime.AddDays(30));

        unknown.Errors["Role"].ShouldHaveSingleItem().ShouldStartWith("No role named 'Superuser'. Built-in roles: Administrator, Privacy Officer");
        auditor.Errors["AccessEndsAt"].ShouldHaveSingleItem().ShouldBe("An Auditor's access must have an end date.");
        timeBound.User.AccessEndsAt.ShouldBe(TestDatabase.StartTime.AddDays(30));
        (await db.RunAsync<ListUsers, IReadOnlyList<UserSummary>>((h, ct) => h.HandleAsync(ct))).ShouldHaveSingleItem().Email.ShouldBe("audit@custos.example");
    }

    [Theory, AllDatabaseProviders]
    public async Task Disabling_a_user_ends_their_permissions_sign_in_and_sessions_at_once(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var userId = await TestUsers.CreateAsync(db, "leaver@custos.example", BuiltInRoles.Engineer);
        var stampBefore = await Stamp(db, userId);

        var disabled = await db.RunAsync<DisableUser, UserSummary>((h, ct) => h.HandleAsync("LEAVER@custos.example", ct));

        disabled.DisabledAt.ShouldBe(TestDatabase.StartTime);
        (await db.RunAsync<PermissionResolver, EffectivePermissions>((h, ct) => h.ResolveAsync(userId, ct))).Permissions.ShouldBeEmpty();
        (await Stamp(db, userId)).ShouldNotBe(stampBefore);
        await using (var scope = db.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CustosUser>>();
            (await users.IsLockedOutAsync((await users.FindByIdAsync(userId.ToString()))!)).ShouldBeTrue();
        }

        var again = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<DisableUser, UserSummary>((h, ct) => h.HandleAsync(userId.ToString(), ct)));
        again.Errors["User"].ShouldHaveSingleItem().ShouldContain("already disabled");
        (await db.QueryAsync((ctx, ct) => ctx.Set<Custos.Platform.Audit.AuditEntry>().SingleAsync(e => e.Action == "users.disable", ct))).ActorId.ShouldBe("ops");
    }

    [Theory, AllDatabaseProviders]
    public async Task Resetting_mfa_removes_the_authenticator_key_and_recovery_codes_so_the_user_enrols_again(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var userId = await TestUsers.CreateAsync(db, "lost-phone@custos.example", BuiltInRoles.Engineer);
        await using (var scope = db.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CustosUser>>();
            var user = (await users.FindByIdAsync(userId.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        var reset = await db.RunAsync<ResetMfa, UserSummary>((h, ct) => h.HandleAsync("lost-phone@custos.example", ct));

        reset.MfaEnrolled.ShouldBeFalse();
        await using (var scope = db.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CustosUser>>();
            var user = (await users.FindByIdAsync(userId.ToString()))!;
            (await users.GetAuthenticatorKeyAsync(user)).ShouldBeNull();
            (await users.CountRecoveryCodesAsync(user)).ShouldBe(0);
            (await users.GetTwoFactorEnabledAsync(user)).ShouldBeFalse();
        }

        (await db.QueryAsync((ctx, ct) => ctx.Set<Custos.Platform.Audit.AuditEntry>().CountAsync(e => e.Action == "users.mfa-reset", ct))).ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task Changing_a_users_roles_changes_their_permissions_at_once_and_is_recorded(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var userId = await TestUsers.CreateAsync(db, "mover@custos.example", BuiltInRoles.WorkforceMember);
        var before = await db.RunAsync<PermissionResolver, EffectivePermissions>((h, ct) => h.ResolveAsync(userId, ct));
        db.Time.Advance(TimeSpan.FromMinutes(5));

        var changed = await db.RunAsync<ChangeUserRoles, UserSummary>((h, ct) =>
            h.HandleAsync(new ChangeUserRolesCommand("MOVER@custos.example", [BuiltInRoles.Engineer, "security officer"]), ct));

        changed.Roles.ShouldBe([BuiltInRoles.Engineer, BuiltInRoles.SecurityOfficer]);
        var after = await db.RunAsync<PermissionResolver, EffectivePermissions>((h, ct) => h.ResolveAsync(userId, ct));
        after.Permissions.ShouldContain(Permissions.IncidentsManage);
        before.Permissions.ShouldNotContain(Permissions.IncidentsManage);
        (await db.QueryAsync((ctx, ct) => ctx.Users.Where(u => u.Id == userId).Select(u => u.PrivilegesChangedAt).SingleAsync(ct))).ShouldBe(TestDatabase.StartTime.AddMinutes(5));
        var recorded = await db.QueryAsync((ctx, ct) => ctx.Set<Custos.Platform.Audit.AuditEntry>().SingleAsync(e => e.Action == "users.roles", ct));
        recorded.ActorId.ShouldBe("ops");
        recorded.ResourceId.ShouldBe(userId.ToString());
    }

    [Theory, AllDatabaseProviders]
    public async Task A_role_change_that_would_leave_no_active_administrator_or_an_auditor_without_an_end_date_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var adminId = await TestUsers.CreateAsync(db, "admin@custos.example", BuiltInRoles.Administrator);
        await TestUsers.CreateAsync(db, "staff@custos.example", BuiltInRoles.WorkforceMember);

        var lastAdmin = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<ChangeUserRoles, UserSummary>((h, ct) =>
            h.HandleAsync(new ChangeUserRolesCommand("admin@custos.example", [BuiltInRoles.Engineer]), ct)));
        var auditor = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<ChangeUserRoles, UserSummary>((h, ct) =>
            h.HandleAsync(new ChangeUserRolesCommand("staff@custos.example", [BuiltInRoles.Auditor]), ct)));
        var unknown = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<ChangeUserRoles, UserSummary>((h, ct) =>
            h.HandleAsync(new ChangeUserRolesCommand("staff@custos.example", [BuiltInRoles.Engineer, "Superuser"]), ct)));
        var none = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<ChangeUserRoles, UserSummary>((h, ct) =>
            h.HandleAsync(new ChangeUserRolesCommand("staff@custos.example", []), ct)));

        lastAdmin.Errors["Roles"].ShouldHaveSingleItem().ShouldStartWith("admin@custos.example is the only active Administrator");
        auditor.Errors["Roles"].ShouldHaveSingleItem().ShouldStartWith("An Auditor's access must have an end date");
        unknown.Errors["Roles"].ShouldHaveSingleItem().ShouldStartWith("No role named 'Superuser'.");
        none.Errors["Roles"].ShouldHaveSingleItem().ShouldStartWith("Give at least one role");
        var users = await db.RunAsync<ListUsers, IReadOnlyList<UserSummary>>((h, ct) => h.HandleAsync(ct));
        users.Single(u => u.Email == "admin@custos.example").Roles.ShouldBe([BuiltInRoles.Administrator]);
        users.Single(u => u.Email == "staff@custos.example").Roles.ShouldBe([BuiltInRoles.WorkforceMember]);
        (await db.QueryAsync((ctx, ct) => ctx.Set<Custos.Platform.Audit.AuditEntry>().CountAsync(e => e.Action == "users.roles", ct))).ShouldBe(0);

        // With a second active Administrator, the first may step down.
        await TestUsers.CreateAsync(db, "admin2@custos.example", BuiltInRoles.Administrator);
        var stepped = await db.RunAsync<ChangeUserRoles, UserSummary>((h, ct) =>
            h.HandleAsync(new ChangeUserRolesCommand(adminId.ToString(), [BuiltInRoles.Engineer]), ct));
        stepped.Roles.ShouldBe([BuiltInRoles.Engineer]);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_signed_in_administrator_cannot_change_their_own_roles(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var adminId = await TestUsers.CreateAsync(db, "admin@custos.example", BuiltInRoles.Administrator);
        db.Actor.Actor = TestUsers.ActorFor(adminId);

        var error = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<ChangeUserRoles, UserSummary>((h, ct) =>
            h.HandleAsync(new ChangeUserRolesCommand("admin@custos.example", [BuiltInRoles.Administrator, BuiltInRoles.PrivacyOfficer]), ct)));

        error.Errors["User"].ShouldHaveSingleItem().ShouldStartWith("You cannot change your own roles");
        (await db.RunAsync<ListUsers, IReadOnlyList<UserSummary>>((h, ct) => h.HandleAsync(ct))).Single().Roles.ShouldBe([BuiltInRoles.Administrator]);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_disabled_user_gets_no_roles_back(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        await TestUsers.CreateAsync(db, "leaver@custos.example", BuiltInRoles.Engineer);
        await db.RunAsync<DisableUser, UserSummary>((h, ct) => h.HandleAsync("leaver@custos.example", ct));

        var error = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<ChangeUserRoles, UserSummary>((h, ct) =>
            h.HandleAsync(new ChangeUserRolesCommand("leaver@custos.example", [BuiltInRoles.Administrator]), ct)));

        error.Errors["User"].ShouldHaveSingleItem().ShouldContain("is disabled");
    }

    [Theory, AllDatabaseProviders]
    public async Task An_unknown_user_is_reported_by_what_was_given(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<RecordNotFoundException>(() => db.RunAsync<ResetMfa, UserSummary>((h, ct) => h.HandleAsync("nobody@custos.example", ct)));

        error.Message.ShouldBe("No user with id 'nobody@custos.example' exists.");
    }

    private static Task<CreatedUser> Create(TestDatabase db, string email, string role, DateTimeOffset? endsAt = null) =>
        db.RunAsync<CreateUser, CreatedUser>((h, ct) => h.HandleAsync(new CreateUserCommand(email, "Wren Worker", role, endsAt), ct));

    private static string Token(CreatedUser created) => created.ActivationPath.Split("token=")[1];

    private static async Task<bool> CheckPassword(TestDatabase db, string email, string password)
    {
        await using var scope = db.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CustosUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }

    private static Task<string?> Stamp(TestDatabase db, Guid userId) =>
        db.QueryAsync((ctx, ct) => ctx.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync(ct));
}
