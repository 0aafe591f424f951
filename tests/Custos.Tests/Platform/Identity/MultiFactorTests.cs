using Custos.Platform.Identity.Mfa;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Platform.Identity;

public sealed class MultiFactorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabaseProviders]
    public async Task A_code_is_accepted_once_and_replaying_it_within_its_window_is_rejected(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        var (key, _) = await db.EnrolAsync(userId);
        db.Time.Advance(TimeSpan.FromSeconds(30));
        var code = db.CodeNow(key);

        (await db.RunAsync<MultiFactor, SecondFactorResult>((m, ct) => m.VerifyCodeAsync(userId, code, ct))).ShouldBe(SecondFactorResult.Accepted);
        db.Time.Advance(TimeSpan.FromSeconds(5));
        (await db.RunAsync<MultiFactor, SecondFactorResult>((m, ct) => m.VerifyCodeAsync(userId, code, ct))).ShouldBe(SecondFactorResult.Rejected);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_code_from_one_step_ago_is_accepted_for_clock_skew_but_not_from_two_steps_ago(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        var (key, _) = await db.EnrolAsync(userId);
        db.Time.Advance(TimeSpan.FromMinutes(5));
        var twoStepsAgo = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(db.Time.GetUtcNow().AddSeconds(-60).UtcDateTime);
        var oneStepAgo = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(db.Time.GetUtcNow().AddSeconds(-30).UtcDateTime);

        (await db.RunAsync<MultiFactor, SecondFactorResult>((m, ct) => m.VerifyCodeAsync(userId, twoStepsAgo, ct))).ShouldBe(SecondFactorResult.Rejected);
        (await db.RunAsync<MultiFactor, SecondFactorResult>((m, ct) => m.VerifyCodeAsync(userId, oneStepAgo, ct))).ShouldBe(SecondFactorResult.Accepted);
    }

    [Theory, AllDatabaseProviders]
    public async Task Two_concurrent_uses_of_one_code_let_exactly_one_through(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        var (key, _) = await db.EnrolAsync(userId);
        db.Time.Advance(TimeSpan.FromSeconds(30));
        var code = db.CodeNow(key);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            db.RunAsync<MultiFactor, SecondFactorResult>((m, ct) => m.VerifyCodeAsync(userId, code, ct))));

        results.Count(r => r == SecondFactorResult.Accepted).ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task Ten_recovery_codes_are_stored_hashed_and_each_works_once(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, Ct);
        var userId = await db.CreateUserAsync();
        var (_, codes) = await db.EnrolAsync(userId);

        codes.Count.ShouldBe(10);
        codes.Distinct().Count().ShouldBe(10);
        var stored = await db.QueryAsync((ctx, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            ctx.Set<RecoveryCode>().Select(c => c.CodeHash), ct));
        stored.Count.ShouldBe(10);
        stored.ShouldAllBe(hash => hash.Length == 64);
        stored.ShouldNotContain(hash => codes.Any(code => hash.Contains(code.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal)));

        (await db.RunAsync<MultiFactor, SecondFactorResult>((m, ct) => m.RedeemRecoveryCodeAsync(userId, codes[3].ToUpperInvariant(), ct))).ShouldBe(SecondFactorResult.Accepted);
        (await db.RunAsync<MultiFactor, SecondFactorResult>((m, ct) => m.RedeemRecoveryCodeAsync(userId, codes[3], ct))).ShouldBe(SecondFactorResult.Rejected);
        (await db.RunAsync<MultiFactor, int>((m, ct) => m.CountUnusedRecoveryCodesAsync(userId, ct))).ShouldBe(9);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("")]
    public async Task A_malformed_code_is_reported_as_malformed_and_changes_nothing(string code)
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var userId = await db.CreateUserAsync();
        await db.EnrolAsync(userId);
        var before = await db.QueryAsync((ctx, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(ctx.Users.Select(u => u.LastTotpTimeStep), ct));

        (await db.RunAsync<MultiFactor, SecondFactorResult>((m, ct) => m.VerifyCodeAsync(userId, code, ct))).ShouldBe(SecondFactorResult.Malformed);

        (await db.QueryAsync((ctx, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(ctx.Users.Select(u => u.LastTotpTimeStep), ct))).ShouldBe(before);
    }

    [Fact]
    public async Task Removing_the_only_second_factor_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var userId = await db.CreateUserAsync();
        await db.EnrolAsync(userId);

        (await db.RunAsync<MultiFactor, bool>((m, ct) => m.TryRemoveAuthenticatorAsync(userId, ct))).ShouldBeFalse();
        (await db.RunAsync<MultiFactor, bool>((m, ct) => m.IsEnrolledAsync(userId, ct))).ShouldBeTrue();
    }
}

public sealed class PasskeyCounterTests
{
    [Theory]
    [InlineData(0u, 0u, true)] // an authenticator without a counter
    [InlineData(0u, 1u, true)]
    [InlineData(41u, 42u, true)]
    [InlineData(42u, 42u, false)] // a counter that did not move: a cloned authenticator, WebAuthn 7.2 step 21
    [InlineData(42u, 7u, false)]
    [InlineData(42u, 0u, false)]
    public void A_passkey_is_accepted_only_when_its_signature_counter_moved_forward(uint stored, uint presented, bool accepted) =>
        MultiFactor.CounterMovedForward(stored, presented).ShouldBe(accepted);
}

public sealed class AuthenticatorSecretAtRestTests
{
    [Theory, AllDatabaseProviders]
    public async Task The_authenticator_secret_is_stored_encrypted_and_still_verifies_codes(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var userId = await db.CreateUserAsync();
        var (key, _) = await db.EnrolAsync(userId);

        var stored = await db.QueryAsync((ctx, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.SqlQueryRaw<byte[]>(
                ctx.Database, "SELECT value AS \"Value\" FROM identity_user_tokens WHERE name = 'AuthenticatorKey'"), ct));

        System.Text.Encoding.ASCII.GetString(stored).ShouldNotContain(key);
        stored.Length.ShouldBeGreaterThan(key.Length);
        db.Time.Advance(TimeSpan.FromSeconds(30));
        (await db.RunAsync<MultiFactor, SecondFactorResult>((m, ct) => m.VerifyCodeAsync(userId, db.CodeNow(key), ct))).ShouldBe(SecondFactorResult.Accepted);
    }
}
