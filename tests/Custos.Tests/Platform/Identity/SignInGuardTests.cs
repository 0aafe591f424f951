using Custos.Platform.Identity.Mfa;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Platform.Identity;

public sealed class SignInGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<PasswordCheck> TryAsync(TestDatabase db, string password, string email = "sam@custos.example") =>
        db.RunAsync<SignInGuard, PasswordCheck>((g, ct) => g.CheckPasswordAsync(email, password, ct));

    [Theory, AllDatabaseProviders]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_and_the_lock_then_ends(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        await db.CreateUserAsync();
        for (var i = 0; i < 4; i++)
        {
            (await TryAsync(db, "not the password at all")).Outcome.ShouldBe(PasswordCheckOutcome.Failed);
        }

        var fifth = await TryAsync(db, "not the password at all");
        fifth.Outcome.ShouldBe(PasswordCheckOutcome.LockedOut);
        fifth.LockedUntil.ShouldBe(db.Time.GetUtcNow() + TimeSpan.FromMinutes(15));
        (await TryAsync(db, IdentityTestUsers.Password)).Outcome.ShouldBe(PasswordCheckOutcome.LockedOut, "even the right password waits");

        db.Time.Advance(TimeSpan.FromMinutes(15));
        (await TryAsync(db, IdentityTestUsers.Password)).Outcome.ShouldBe(PasswordCheckOutcome.Succeeded);
    }

    [Theory, AllDatabaseProviders]
    public async Task Each_further_lockout_in_a_row_lasts_twice_as_long(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        await db.CreateUserAsync();
        var durations = new List<TimeSpan>();
        for (var lockout = 0; lockout < 3; lockout++)
        {
            PasswordCheck last = null!;
            for (var i = 0; i < 5; i++)
            {
                last = await TryAsync(db, "not the password at all");
            }

            last.Outcome.ShouldBe(PasswordCheckOutcome.LockedOut);
            durations.Add(last.LockedUntil!.Value - db.Time.GetUtcNow());
            db.Time.Advance(last.LockedUntil!.Value - db.Time.GetUtcNow());
        }

        durations.ShouldBe([TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60)]);
        SignInGuard.LockoutDuration(20).ShouldBe(TimeSpan.FromHours(24));
    }

    [Theory, AllDatabaseProviders]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        await db.CreateUserAsync();

        var unknown = await TryAsync(db, IdentityTestUsers.Password, email: "nobody@custos.example");
        var wrong = await TryAsync(db, "not the password at all");

        unknown.ShouldBe(wrong);
        unknown.ShouldBe(new PasswordCheck(PasswordCheckOutcome.Failed));
    }

    [Theory, AllDatabaseProviders]
    public async Task A_disabled_account_gets_the_same_answer_as_a_wrong_password(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        var now = db.Time.GetUtcNow();
        await db.QueryAsync((ctx, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            ctx.Users.Where(u => u.Id == userId), u => u.SetProperty(x => x.DisabledAt, now), ct));

        (await TryAsync(db, IdentityTestUsers.Password)).ShouldBe(new PasswordCheck(PasswordCheckOutcome.Failed));
    }

    [Theory, AllDatabaseProviders]
    public async Task Wrong_second_factor_codes_count_towards_the_lockout(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        await db.EnrolAsync(userId);
        PasswordCheck last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await db.RunAsync<SignInGuard, PasswordCheck>((g, ct) => g.CheckSecondFactorAsync(userId, "000000", isRecoveryCode: false, ct));
        }

        last.Outcome.ShouldBe(PasswordCheckOutcome.LockedOut);
    }

    [Theory, AllDatabaseProviders]
    public async Task Every_attempt_is_recorded_as_a_security_event_without_the_password(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        await db.CreateUserAsync();
        await TryAsync(db, "not the password at all");
        await TryAsync(db, IdentityTestUsers.Password, email: "nobody@custos.example");

        var events = await db.QueryAsync((ctx, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            ctx.Set<Custos.Platform.Audit.AuditEntry>().Where(e => e.Action == "auth.sign-in"), ct));
        events.Count.ShouldBe(2);
        events.ShouldAllBe(e => e.Outcome == Custos.Platform.Security.AuditOutcome.Failed);
        events.ShouldNotContain(e => (e.Reason ?? string.Empty).Contains("not the password", StringComparison.Ordinal));
    }
}
