using Custos.Modules.AccessGovernance;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Custos.Tests.Modules.AccessGovernance;

public sealed class BreakGlassTests
{
    private const string Emergency = "Production outage: patient portal down, need to restore the incident queue now";

    [Theory, AllDatabaseProviders]
    public async Task Breaking_the_glass_grants_the_role_at_once_for_an_hour_by_default(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var engineer = await TestUsers.CreateAsync(db, "eli@custos.example", BuiltInRoles.Engineer);
        db.Actor.Actor = TestUsers.ActorFor(engineer, "Eli Engineer");

        var used = await Break(db, BuiltInRoles.SecurityOfficer);
        var during = await ElevationTests.PermissionsOf(db, engineer);
        db.Time.Advance(TimeSpan.FromHours(1));
        var after = await ElevationTests.PermissionsOf(db, engineer);

        used.Status.ShouldBe(ElevationStatus.Active);
        used.Kind.ShouldBe(ElevationKind.BreakGlass);
        used.ExpiresAt.ShouldBe(TestDatabase.StartTime.AddHours(1));
        used.Review.ShouldBe(BreakGlassReviewState.Open);
        during.ShouldContain(Permissions.IncidentsManage);
        after.ShouldNotContain(Permissions.IncidentsManage);
    }

    [Theory, AllDatabaseProviders]
    public async Task The_designated_Security_Officer_is_notified_at_once_found_by_email(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var engineer = await TestUsers.CreateAsync(db, "eli@custos.example", BuiltInRoles.Engineer);
        var officer = await TestUsers.CreateAsync(db, "Elena.Sokolova@custos.example", BuiltInRoles.Administrator);
        var otherSecurityOfficer = await TestUsers.CreateAsync(db, "so2@custos.example", BuiltInRoles.SecurityOfficer);
        await db.RunAsync<DesignateOfficer, OfficerView>((h, ct) => h.HandleAsync(
            new DesignateOfficerCommand(OfficerRole.SecurityOfficer, new ContactPerson("Elena Sokolova", "elena.sokolova@custos.example", null, "CISO"), db.Today, null), ct));
        db.Actor.Actor = TestUsers.ActorFor(engineer, "Eli Engineer");

        await Break(db, BuiltInRoles.SecurityOfficer);

        db.Actor.Actor = TestUsers.ActorFor(officer);
        var notifications = await db.RunAsync<ListMyNotifications, IReadOnlyList<NotificationView>>((h, ct) => h.HandleAsync(ct));
        var unread = await db.RunAsync<CountUnreadNotifications, int>((h, ct) => h.HandleAsync(ct));
        var note = notifications.ShouldHaveSingleItem();
        note.Title.ShouldBe("Break-glass: Eli Engineer took Security Officer");
        note.Body.ShouldContain("Production outage");
        note.Link.ShouldBe("/access/approvals#reviews");
        unread.ShouldBe(1);
        (await db.RunAsync<MarkNotificationsRead, int>((h, ct) => h.HandleAsync(ct))).ShouldBe(1);
        (await db.RunAsync<CountUnreadNotifications, int>((h, ct) => h.HandleAsync(ct))).ShouldBe(0);
        db.Actor.Actor = TestUsers.ActorFor(otherSecurityOfficer);
        (await db.RunAsync<CountUnreadNotifications, int>((h, ct) => h.HandleAsync(ct))).ShouldBe(0);
        var notify = await db.QueryAsync((ctx, ct) => ctx.Set<Custos.Platform.Audit.AuditEntry>().SingleAsync(e => e.Action == "break-glass.notify", ct));
        notify.Outcome.ShouldBe(AuditOutcome.Succeeded);
        notify.Reason.ShouldBe("notified 1 (designated Security Officer)");
    }

    [Theory, AllDatabaseProviders]
    public async Task Without_a_designated_officer_account_every_Security_Officer_role_holder_is_notified(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var engineer = await TestUsers.CreateAsync(db, "eli@custos.example", BuiltInRoles.Engineer);
        var first = await TestUsers.CreateAsync(db, "so1@custos.example", BuiltInRoles.SecurityOfficer);
        var second = await TestUsers.CreateAsync(db, "so2@custos.example", BuiltInRoles.SecurityOfficer);
        db.Actor.Actor = TestUsers.ActorFor(engineer);

        await Break(db, BuiltInRoles.PrivacyOfficer);

        var recipients = await db.QueryAsync((ctx, ct) => ctx.Set<InAppNotification>().Select(n => n.RecipientId).ToListAsync(ct));
        recipients.ShouldBe([first, second], ignoreOrder: true);
    }

    [Theory, AllDatabaseProviders]
    public async Task The_review_is_closed_with_findings_by_someone_else_with_the_approval_permission(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var breaker = await TestUsers.CreateAsync(db, "so1@custos.example", BuiltInRoles.SecurityOfficer);
        var reviewer = await TestUsers.CreateAsync(db, "so2@custos.example", BuiltInRoles.SecurityOfficer);
        db.Actor.Actor = TestUsers.ActorFor(breaker);
        var used = await Break(db, BuiltInRoles.PrivacyOfficer);

        var self = await Should.ThrowAsync<InvalidRequestException>(() => Close(db, used.Id, "Looked fine to me, nothing else to add here"));
        db.Actor.Actor = TestUsers.ActorFor(reviewer, "Rae Reviewer");
        var empty = await Should.ThrowAsync<InvalidRequestException>(() => Close(db, used.Id, ""));
        var open = await ElevationTests.List(db, ElevationListScope.OpenReviews);
        var closed = await Close(db, used.Id, "Outage confirmed in INC-2210; access used only to restore the queue. No follow-up.");

        self.Errors[SegregationOfDuties.Field].ShouldHaveSingleItem().ShouldContain("you made it yourself");
        empty.Errors["Findings"].ShouldHaveSingleItem().ShouldStartWith("Write the findings");
        open.ShouldHaveSingleItem().Id.ShouldBe(used.Id);
        closed.Review.ShouldBe(BreakGlassReviewState.Closed);
        closed.ReviewedBy.ShouldBe("Rae Reviewer");
        closed.ReviewFindings.ShouldStartWith("Outage confirmed");
        (await ElevationTests.List(db, ElevationListScope.OpenReviews)).ShouldBeEmpty();
        var actions = await db.QueryAsync((ctx, ct) => ctx.Set<Custos.Platform.Audit.AuditEntry>().Where(e => !e.Action.StartsWith("record.")).OrderBy(e => e.Id).Select(e => e.Action + ":" + e.Outcome).ToListAsync(ct));
        actions.ShouldBe(["break-glass.use:Succeeded", "break-glass.notify:Succeeded", "break-glass.review:Denied", "break-glass.review:Succeeded"], ignoreOrder: true);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_written_reason_is_required_and_the_duration_is_bounded(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var engineer = await TestUsers.CreateAsync(db, "eli@custos.example", BuiltInRoles.Engineer);
        db.Actor.Actor = TestUsers.ActorFor(engineer);

        var noReason = await Should.ThrowAsync<InvalidRequestException>(() => Break(db, BuiltInRoles.SecurityOfficer, reason: " "));
        var tooLong = await Should.ThrowAsync<InvalidRequestException>(() => Break(db, BuiltInRoles.SecurityOfficer, minutes: 241));

        noReason.Errors["Reason"].ShouldHaveSingleItem().ShouldBe("Write what the emergency is: breaking the glass needs a written reason.");
        tooLong.Errors["DurationMinutes"].ShouldHaveSingleItem().ShouldStartWith("Break-glass lasts at most 240 minutes");
        (await ElevationTests.List(db, ElevationListScope.All)).ShouldBeEmpty();
        (await db.CountAsync<InAppNotification>()).ShouldBe(0);
    }

    private static Task<ElevationView> Break(TestDatabase db, string role, string reason = Emergency, int? minutes = null) =>
        db.RunAsync<BreakGlass, ElevationView>((h, ct) => h.HandleAsync(new BreakGlassCommand(role, reason, minutes), ct));

    private static Task<ElevationView> Close(TestDatabase db, Guid id, string findings) =>
        db.RunAsync<CloseBreakGlassReview, ElevationView>((h, ct) => h.HandleAsync(new CloseBreakGlassReviewCommand(id, findings), ct));
}
