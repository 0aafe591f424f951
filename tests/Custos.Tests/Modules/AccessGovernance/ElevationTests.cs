using Custos.Modules.AccessGovernance;
using Custos.Platform.Authorization;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Custos.Tests.Modules.AccessGovernance;

public sealed class ElevationTests
{
    private const string Why = "INC-2207: read the PHI details of the misdirected export to assess the breach";

    [Theory, AllDatabaseProviders]
    public async Task An_approved_elevation_grants_the_role_for_its_duration_then_ends_by_itself(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var (engineer, approver) = await People(db);
        db.Actor.Actor = TestUsers.ActorFor(engineer, "Eli Engineer");
        var request = await Request(db, BuiltInRoles.PrivacyOfficer, minutes: 120);
        db.Time.Advance(TimeSpan.FromMinutes(10));
        (await PermissionsOf(db, engineer)).ShouldNotContain(Permissions.IncidentsPhiRead);

        db.Actor.Actor = TestUsers.ActorFor(approver, "Avery Approver");
        var approved = await Decide(db, request.Id, approve: true, "Needed for the breach assessment");
        var during = await Resolve(db, engineer);
        db.Time.Advance(TimeSpan.FromMinutes(120));
        var after = await Resolve(db, engineer);

        approved.Status.ShouldBe(ElevationStatus.Active);
        approved.DecidedBy.ShouldBe("Avery Approver");
        approved.ExpiresAt.ShouldBe(TestDatabase.StartTime.AddMinutes(130));
        during.Permissions.ShouldContain(Permissions.IncidentsPhiRead);
        during.Grants.ShouldHaveSingleItem().Source.ShouldBe("elevation");
        during.ValidUntil.ShouldBe(TestDatabase.StartTime.AddMinutes(130));
        after.Permissions.ShouldNotContain(Permissions.IncidentsPhiRead);
        db.Actor.Actor = TestUsers.ActorFor(engineer, "Eli Engineer");
        (await List(db, ElevationListScope.Mine)).ShouldHaveSingleItem().Status.ShouldBe(ElevationStatus.Expired);
    }

    [Theory, AllDatabaseProviders]
    public async Task Approving_your_own_request_is_refused_changes_nothing_and_is_recorded(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var approverWhoAsks = await TestUsers.CreateAsync(db, "so@custos.example", BuiltInRoles.SecurityOfficer);
        db.Actor.Actor = TestUsers.ActorFor(approverWhoAsks);
        var request = await Request(db, BuiltInRoles.Administrator);

        var error = await Should.ThrowAsync<InvalidRequestException>(() => Decide(db, request.Id, approve: true));

        error.Errors[SegregationOfDuties.Field].ShouldHaveSingleItem().ShouldContain("you made it yourself");
        (await List(db, ElevationListScope.Mine)).Single().Status.ShouldBe(ElevationStatus.Pending);
        (await PermissionsOf(db, approverWhoAsks)).ShouldNotContain(Permissions.UsersManage);
        var denied = await db.QueryAsync((ctx, ct) => ctx.Set<Custos.Platform.Audit.AuditEntry>().SingleAsync(e => e.Outcome == AuditOutcome.Denied, ct));
        denied.Action.ShouldBe("elevation.approve");
    }

    [Theory, AllDatabaseProviders]
    public async Task Someone_without_the_approval_permission_cannot_decide(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var (engineer, _) = await People(db);
        var colleague = await TestUsers.CreateAsync(db, "colleague@custos.example", BuiltInRoles.Engineer);
        db.Actor.Actor = TestUsers.ActorFor(engineer);
        var request = await Request(db, BuiltInRoles.PrivacyOfficer);

        db.Actor.Actor = TestUsers.ActorFor(colleague);
        var error = await Should.ThrowAsync<InvalidRequestException>(() => Decide(db, request.Id, approve: true));

        error.Errors[SegregationOfDuties.Field].ShouldHaveSingleItem().ShouldContain("elevation.approve");
    }

    [Theory, AllDatabaseProviders]
    public async Task More_than_eight_hours_is_refused_with_the_limit_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var (engineer, _) = await People(db);
        db.Actor.Actor = TestUsers.ActorFor(engineer);

        var error = await Should.ThrowAsync<InvalidRequestException>(() => Request(db, BuiltInRoles.PrivacyOfficer, minutes: 8 * 60 + 1));
        var eightHours = await Request(db, BuiltInRoles.PrivacyOfficer, minutes: 8 * 60);

        error.Errors["DurationMinutes"].ShouldHaveSingleItem().ShouldStartWith("Elevation lasts at most 8 hours (480 minutes)");
        eightHours.DurationMinutes.ShouldBe(480);
        (await List(db, ElevationListScope.Mine)).Count.ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_request_needs_a_real_role_a_justification_and_a_role_not_already_held(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var (engineer, _) = await People(db);
        db.Actor.Actor = TestUsers.ActorFor(engineer);

        var unknown = await Should.ThrowAsync<InvalidRequestException>(() => Request(db, "Superuser"));
        var held = await Should.ThrowAsync<InvalidRequestException>(() => Request(db, BuiltInRoles.Engineer));
        var terse = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<RequestElevation, ElevationView>((h, ct) => h.HandleAsync(new RequestElevationCommand(BuiltInRoles.PrivacyOfficer, "need it", 60), ct)));

        unknown.Errors["RoleName"].ShouldHaveSingleItem().ShouldStartWith("Choose a role that exists");
        held.Errors["RoleName"].ShouldHaveSingleItem().ShouldBe("You already hold Engineer; there is nothing to elevate to.");
        terse.Errors["Justification"].ShouldHaveSingleItem().ShouldContain("at least 20 characters");
        (await List(db, ElevationListScope.Mine)).ShouldBeEmpty();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_rejection_needs_a_reason_and_grants_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var (engineer, approver) = await People(db);
        db.Actor.Actor = TestUsers.ActorFor(engineer);
        var request = await Request(db, BuiltInRoles.PrivacyOfficer);
        db.Actor.Actor = TestUsers.ActorFor(approver);

        var silent = await Should.ThrowAsync<InvalidRequestException>(() => Decide(db, request.Id, approve: false));
        var rejected = await Decide(db, request.Id, approve: false, "Ask the Privacy Officer to read it with you");

        silent.Errors["Note"].ShouldHaveSingleItem().ShouldContain("Say why you reject");
        rejected.Status.ShouldBe(ElevationStatus.Rejected);
        (await PermissionsOf(db, engineer)).ShouldNotContain(Permissions.IncidentsPhiRead);
        var again = await Should.ThrowAsync<InvalidRequestException>(() => Decide(db, request.Id, approve: true));
        again.Errors["Id"].ShouldHaveSingleItem().ShouldContain("already decided (rejected)");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_request_not_decided_within_24_hours_lapses(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var (engineer, approver) = await People(db);
        db.Actor.Actor = TestUsers.ActorFor(engineer);
        var request = await Request(db, BuiltInRoles.PrivacyOfficer);
        db.Time.Advance(TimeSpan.FromHours(24));
        db.Actor.Actor = TestUsers.ActorFor(approver);

        var pending = await List(db, ElevationListScope.AwaitingDecision);
        var error = await Should.ThrowAsync<InvalidRequestException>(() => Decide(db, request.Id, approve: true));

        pending.ShouldBeEmpty();
        error.Errors["Id"].ShouldHaveSingleItem().ShouldContain("has lapsed");
    }

    [Theory, AllDatabaseProviders]
    public async Task Approvers_see_other_peoples_pending_requests_but_never_their_own(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var (engineer, approver) = await People(db);
        db.Actor.Actor = TestUsers.ActorFor(engineer);
        var theirs = await Request(db, BuiltInRoles.PrivacyOfficer);
        db.Actor.Actor = TestUsers.ActorFor(approver);
        await Request(db, BuiltInRoles.Administrator);

        var pending = await List(db, ElevationListScope.AwaitingDecision);
        var history = await List(db, ElevationListScope.All);

        pending.ShouldHaveSingleItem().Id.ShouldBe(theirs.Id);
        history.Count.ShouldBe(2);
        (await db.QueryAsync((ctx, ct) => ctx.Set<Custos.Platform.Audit.AuditEntry>().CountAsync(e => e.Action == "elevation.request", ct))).ShouldBe(2);
    }

    internal static async Task<(Guid Engineer, Guid Approver)> People(TestDatabase db) =>
        (await TestUsers.CreateAsync(db, "eli@custos.example", BuiltInRoles.Engineer),
         await TestUsers.CreateAsync(db, "avery@custos.example", BuiltInRoles.SecurityOfficer));

    internal static Task<IReadOnlySet<string>> PermissionsOf(TestDatabase db, Guid userId) =>
        db.RunAsync<PermissionResolver, IReadOnlySet<string>>(async (h, ct) => (await h.ResolveAsync(userId, ct)).Permissions);

    private static Task<EffectivePermissions> Resolve(TestDatabase db, Guid userId) =>
        db.RunAsync<PermissionResolver, EffectivePermissions>((h, ct) => h.ResolveAsync(userId, ct));

    private static Task<ElevationView> Request(TestDatabase db, string role, int minutes = 60) =>
        db.RunAsync<RequestElevation, ElevationView>((h, ct) => h.HandleAsync(new RequestElevationCommand(role, Why, minutes), ct));

    private static Task<ElevationView> Decide(TestDatabase db, Guid id, bool approve, string? note = null) =>
        db.RunAsync<DecideElevation, ElevationView>((h, ct) => h.HandleAsync(new DecideElevationCommand(id, approve, note), ct));

    internal static Task<IReadOnlyList<ElevationView>> List(TestDatabase db, ElevationListScope scope) =>
        db.RunAsync<ListElevations, IReadOnlyList<ElevationView>>((h, ct) => h.HandleAsync(scope, ct));
}
