using Custos.Platform.Identity.Sessions;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Platform.Identity;

public sealed class SessionStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Guid> StartAsync(TestDatabase db, Guid userId) =>
        db.RunAsync<SessionStore, Guid>((s, ct) => s.StartAsync(userId, "203.0.113.7", "Test browser", ct));

    private static async Task<SessionState> CheckAsync(TestDatabase db, Guid sessionId, Guid userId) =>
        (await db.RunAsync<SessionStore, SessionCheck>((s, ct) => s.CheckAsync(sessionId, userId, ct))).State;

    [Theory, AllDatabaseProviders]
    public async Task A_session_unused_for_15_minutes_ends_but_activity_keeps_it_alive(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        var active = await StartAsync(db, userId);
        var idle = await StartAsync(db, userId);
        for (var i = 0; i < 4; i++)
        {
            db.Time.Advance(TimeSpan.FromMinutes(10));
            (await CheckAsync(db, active, userId)).ShouldBe(SessionState.Active);
        }

        (await CheckAsync(db, idle, userId)).ShouldBe(SessionState.IdleTimedOut);
        (await CheckAsync(db, idle, userId)).ShouldBe(SessionState.Ended);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_session_ends_12_hours_after_sign_in_however_active(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        var session = await StartAsync(db, userId);
        for (var minutes = 10; minutes < 12 * 60; minutes += 10)
        {
            db.Time.Advance(TimeSpan.FromMinutes(10));
            (await CheckAsync(db, session, userId)).ShouldBe(SessionState.Active);
        }

        db.Time.Advance(TimeSpan.FromMinutes(10));
        (await CheckAsync(db, session, userId)).ShouldBe(SessionState.AbsoluteTimedOut);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_revoked_session_is_refused_on_its_next_check_and_others_continue(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        var mine = await StartAsync(db, userId);
        var stolen = await StartAsync(db, userId);

        (await db.RunAsync<SessionStore, bool>((s, ct) => s.RevokeAsync(userId, stolen, ct))).ShouldBeTrue();

        (await CheckAsync(db, stolen, userId)).ShouldBe(SessionState.Ended);
        (await CheckAsync(db, mine, userId)).ShouldBe(SessionState.Active);
        (await db.RunAsync<SessionStore, IReadOnlyList<SessionView>>((s, ct) => s.ListActiveAsync(userId, mine, ct))).Single().IsCurrent.ShouldBeTrue();
    }

    [Theory, AllDatabaseProviders]
    public async Task Disabling_the_account_ends_its_sessions_on_their_next_request(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        var session = await StartAsync(db, userId);
        var now = db.Time.GetUtcNow();
        await db.QueryAsync((ctx, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            ctx.Users.Where(u => u.Id == userId), u => u.SetProperty(x => x.DisabledAt, now), ct));

        (await CheckAsync(db, session, userId)).ShouldBe(SessionState.UserDisabled);
    }

    [Theory, AllDatabaseProviders]
    public async Task Sign_out_everywhere_ends_every_session_and_renewal_gives_a_new_id_with_the_same_end(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        var first = await StartAsync(db, userId);
        db.Time.Advance(TimeSpan.FromMinutes(1));
        var renewed = await db.RunAsync<SessionStore, Guid?>((s, ct) => s.RenewAsync(first, ct));
        renewed.ShouldNotBeNull();
        renewed.ShouldNotBe(first);
        (await CheckAsync(db, first, userId)).ShouldBe(SessionState.Ended);
        (await CheckAsync(db, renewed.Value, userId)).ShouldBe(SessionState.Active);
        var second = await StartAsync(db, userId);

        (await db.RunAsync<SessionStore, int>((s, ct) => s.RevokeAllAsync(userId, SessionEndReason.RevokedEverywhere, ct))).ShouldBe(2);

        (await CheckAsync(db, renewed.Value, userId)).ShouldBe(SessionState.Ended);
        (await CheckAsync(db, second, userId)).ShouldBe(SessionState.Ended);
    }
}
