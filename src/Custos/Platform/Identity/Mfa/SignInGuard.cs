using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.Mfa;

/// <summary>The outcome of the password step of sign-in.</summary>
public enum PasswordCheckOutcome
{
    /// <summary>Password correct: go on to the second factor (or enrol one).</summary>
    Succeeded,

    /// <summary>Unknown email, wrong password or disabled account: one answer for all, so accounts are not enumerated.</summary>
    Failed,

    /// <summary>Too many failures: the account is locked until the time given.</summary>
    LockedOut,
}

/// <param name="Outcome">What happened.</param>
/// <param name="UserId">The user, when the password was correct.</param>
/// <param name="MfaEnrolled">Whether the user must verify (true) or enrol (false) a second factor.</param>
/// <param name="LockedUntil">The end of the lockout, when locked out.</param>
public sealed record PasswordCheck(PasswordCheckOutcome Outcome, Guid? UserId = null, bool MfaEnrolled = false, DateTimeOffset? LockedUntil = null);

/// <summary>
/// The password and second-factor steps of sign-in with progressive lockout (ASVS 5.0 6.3.1; 45 CFR 164.308(a)(5)(ii)(C)
/// log-in monitoring): five failures in a row lock the account for 15 minutes, and each further lockout in a row
/// doubles that, up to 24 hours. Failures of the second factor count too. Every attempt is a security event.
/// Identity's own lockout reads the system clock; this one uses <see cref="TimeProvider"/>.
/// </summary>
public sealed class SignInGuard(AppDbContext db, UserManager<CustosUser> users, IPasswordHasher<CustosUser> hasher, DummyPasswordHash dummyHash, MultiFactor multiFactor, TimeProvider time, ISecurityEventSink events)
{
    public const int FailuresBeforeLockout = 5;
    public static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LongestLockout = TimeSpan.FromHours(24);

    private string DummyHash => dummyHash.For(hasher);

    public async Task<PasswordCheck> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(new CustosUser(), DummyHash, password);
            await events.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Failed) { Reason = "unknown account", Actor = Actor.Anonymous }, cancellationToken);
            return new PasswordCheck(PasswordCheckOutcome.Failed);
        }

        var now = time.GetUtcNow();
        var actor = new Actor(ActorKind.User, user.Id.ToString(), user.DisplayName);
        if (user.LockoutEnd is { } lockedUntil && lockedUntil > now)
        {
            hasher.VerifyHashedPassword(user, DummyHash, password);
            await events.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Denied) { ResourceType = "user", ResourceId = user.Id.ToString(), Reason = "locked out", Actor = actor }, cancellationToken);
            return new PasswordCheck(PasswordCheckOutcome.LockedOut, LockedUntil: lockedUntil);
        }

        // One verification per attempt: PBKDF2 at the configured iteration count is deliberately the costly step.
        var verification = user.PasswordHash is null ? PasswordVerificationResult.Failed : hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            return await RecordFailureAsync(user, actor, "wrong password", cancellationToken);
        }

        if (!user.HasAccessAt(now))
        {
            await events.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Denied) { ResourceType = "user", ResourceId = user.Id.ToString(), Reason = "account disabled or access ended", Actor = actor }, cancellationToken);
            return new PasswordCheck(PasswordCheckOutcome.Failed);
        }

        // Transparent upgrade to the current hashing parameters.
        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await users.UpdateAsync(user);
        }

        return new PasswordCheck(PasswordCheckOutcome.Succeeded, user.Id, user.TwoFactorEnabled);
    }

    /// <summary>The second step: a TOTP code, or a recovery code when <paramref name="isRecoveryCode"/>.</summary>
    public async Task<PasswordCheck> CheckSecondFactorAsync(Guid userId, string? code, bool isRecoveryCode, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        var now = time.GetUtcNow();
        var actor = new Actor(ActorKind.User, user.Id.ToString(), user.DisplayName);
        if (user.LockoutEnd is { } lockedUntil && lockedUntil > now)
        {
            return new PasswordCheck(PasswordCheckOutcome.LockedOut, LockedUntil: lockedUntil);
        }

        var result = isRecoveryCode
            ? await multiFactor.RedeemRecoveryCodeAsync(userId, code, cancellationToken)
            : await multiFactor.VerifyCodeAsync(userId, code, cancellationToken);
        if (result != SecondFactorResult.Accepted)
        {
            return await RecordFailureAsync(user, actor, isRecoveryCode ? "wrong recovery code" : "wrong authenticator code", cancellationToken);
        }

        await CompleteAsync(userId, actor, cancellationToken);
        return new PasswordCheck(PasswordCheckOutcome.Succeeded, userId, MfaEnrolled: true);
    }

    /// <summary>
    /// Sign-in with a passkey: possession of the device and its user verification are both factors
    /// (NIST SP 800-63B multi-factor cryptographic authenticator). The account must still be enabled and not locked,
    /// and the signature counter must move forward.
    /// </summary>
    public async Task<PasswordCheck> CheckPasskeyAsync(CustosUser user, UserPasskeyInfo used, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var actor = new Actor(ActorKind.User, user.Id.ToString(), user.DisplayName);
        if (user.LockoutEnd is { } lockedUntil && lockedUntil > now)
        {
            return new PasswordCheck(PasswordCheckOutcome.LockedOut, LockedUntil: lockedUntil);
        }

        if (!user.HasAccessAt(now) || !await multiFactor.AcceptPasskeyUseAsync(user, used, cancellationToken))
        {
            await events.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Denied) { ResourceType = "user", ResourceId = user.Id.ToString(), Reason = "passkey refused", Actor = actor }, cancellationToken);
            return new PasswordCheck(PasswordCheckOutcome.Failed);
        }

        await CompleteAsync(user.Id, actor, cancellationToken);
        return new PasswordCheck(PasswordCheckOutcome.Succeeded, user.Id, MfaEnrolled: true);
    }

    /// <summary>A full sign-in happened (password and second factor): failures and lockouts in a row start again.</summary>
    public async Task CompleteAsync(Guid userId, Actor actor, CancellationToken cancellationToken = default)
    {
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, 0).SetProperty(x => x.ConsecutiveLockouts, 0).SetProperty(x => x.LockoutEnd, (DateTimeOffset?)null), cancellationToken);
        await events.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = userId.ToString(), Actor = actor }, cancellationToken);
    }

    /// <summary>How long the next lockout lasts after <paramref name="previousLockouts"/> lockouts in a row.</summary>
    public static TimeSpan LockoutDuration(int previousLockouts)
    {
        var factor = Math.Pow(2, Math.Min(previousLockouts, 10));
        var duration = TimeSpan.FromTicks((long)(FirstLockout.Ticks * factor));
        return duration < LongestLockout ? duration : LongestLockout;
    }

    private async Task<PasswordCheck> RecordFailureAsync(CustosUser user, Actor actor, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var userId = user.Id;

        // Counted in the database, so concurrent attempts cannot lose increments.
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, x => x.AccessFailedCount + 1), cancellationToken);
        var state = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.AccessFailedCount, u.ConsecutiveLockouts }).SingleAsync(cancellationToken);
        await events.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Failed) { ResourceType = "user", ResourceId = userId.ToString(), Reason = reason, Actor = actor }, cancellationToken);
        if (state.AccessFailedCount < FailuresBeforeLockout)
        {
            return new PasswordCheck(PasswordCheckOutcome.Failed);
        }

        var until = now + LockoutDuration(state.ConsecutiveLockouts);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(
            u => u.SetProperty(x => x.LockoutEnd, until).SetProperty(x => x.AccessFailedCount, 0).SetProperty(x => x.ConsecutiveLockouts, x => x.ConsecutiveLockouts + 1),
            cancellationToken);
        await events.RecordAsync(new SecurityEvent("auth.lockout", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = userId.ToString(), Reason = $"{FailuresBeforeLockout} failures; locked until {until:u}", Actor = actor }, cancellationToken);
        return new PasswordCheck(PasswordCheckOutcome.LockedOut, LockedUntil: until);
    }
}

/// <summary>
/// A password hash made once per host with its configured hasher, verified when there is no account to check: an
/// unknown or locked address costs the same time as a known one, so the timing does not tell which addresses have
/// accounts. One per container, not per process: two hosts in one process may hash with different parameters.
/// </summary>
public sealed class DummyPasswordHash
{
    private string? hash;

    public string For(IPasswordHasher<CustosUser> hasher) =>
        LazyInitializer.EnsureInitialized(ref hash, () => hasher.HashPassword(new CustosUser(), Guid.NewGuid().ToString()));
}
