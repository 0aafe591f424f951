using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custos.Platform.Identity.Sessions;

/// <summary>Session time limits; configuration section <c>Custos:Sessions</c>.</summary>
public sealed class SessionPolicy
{
    public const string Section = "Custos:Sessions";

    /// <summary>A session unused this long ends (45 CFR 164.312(a)(2)(iii) automatic logoff). Default 15 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session ends this long after sign-in, however active. Default 12 hours.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How recent the last second-factor check must be for a sensitive action. Default 5 minutes.</summary>
    public TimeSpan StepUpWindow { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The outcome of checking a session on a request.</summary>
public enum SessionState
{
    Active,
    Ended,
    IdleTimedOut,
    AbsoluteTimedOut,
    UserDisabled,
}

/// <summary>A session as its owner sees it on the sessions page.</summary>
public sealed record SessionView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, string? ClientAddress, string? UserAgent, bool IsCurrent);

/// <summary>The result of <see cref="SessionStore.CheckAsync"/>.</summary>
/// <param name="State">Whether the session may be used.</param>
/// <param name="MfaVerifiedAt">When the user last passed a second-factor check in it.</param>
/// <param name="PrivilegesChangedAt">When the user's roles or grants last changed (the principal is rebuilt if newer).</param>
public sealed record SessionCheck(SessionState State, DateTimeOffset MfaVerifiedAt, DateTimeOffset? PrivilegesChangedAt);

/// <summary>
/// Server-side sessions: started at sign-in after the second factor, checked on every request (so a revoked session
/// or a disabled account is refused on its next request), renewed with a new id on privilege change.
/// </summary>
public sealed class SessionStore(AppDbContext db, TimeProvider time, IOptions<SessionPolicy> options, ISecurityEventSink events)
{
    // Writing the last-seen time on every request would make every page view a write; within this much of the idle
    // limit the cost of an early timeout is at most this long.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(30);

    public SessionPolicy Options => options.Value;

    public async Task<Guid> StartAsync(Guid userId, string? clientAddress, string? userAgent, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + options.Value.AbsoluteLifetime,
            MfaVerifiedAt = now,
            ClientAddress = clientAddress,
            UserAgent = userAgent is { Length: > 256 } ? userAgent[..256] : userAgent,
        };
        db.Set<UserSession>().Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return session.Id;
    }

    /// <summary>Checks the session for a request and records activity; ends it if a limit has passed.</summary>
    public async Task<SessionCheck> CheckAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var row = await (
            from session in db.Set<UserSession>().AsNoTracking()
            join user in db.Users on session.UserId equals user.Id
            where session.Id == sessionId && session.UserId == userId
            select new { session.EndedAt, session.LastSeenAt, session.ExpiresAt, session.MfaVerifiedAt, user.DisabledAt, user.AccessEndsAt, user.PrivilegesChangedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null || row.EndedAt is not null)
        {
            return new SessionCheck(SessionState.Ended, default, null);
        }

        if (!CustosUser.HasAccessAt(row.DisabledAt, row.AccessEndsAt, now))
        {
            await EndAsync(sessionId, SessionEndReason.AccountDisabled, cancellationToken);
            return new SessionCheck(SessionState.UserDisabled, row.MfaVerifiedAt, row.PrivilegesChangedAt);
        }

        if (now >= row.ExpiresAt)
        {
            await EndAsync(sessionId, SessionEndReason.AbsoluteTimeout, cancellationToken);
            return new SessionCheck(SessionState.AbsoluteTimedOut, row.MfaVerifiedAt, row.PrivilegesChangedAt);
        }

        if (now - row.LastSeenAt >= options.Value.IdleTimeout)
        {
            await EndAsync(sessionId, SessionEndReason.IdleTimeout, cancellationToken);
            return new SessionCheck(SessionState.IdleTimedOut, row.MfaVerifiedAt, row.PrivilegesChangedAt);
        }

        if (now - row.LastSeenAt >= TouchInterval)
        {
            await db.Set<UserSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        return new SessionCheck(SessionState.Active, row.MfaVerifiedAt, row.PrivilegesChangedAt);
    }

    /// <summary>Records a fresh second-factor check (step-up) in the session.</summary>
    public async Task RecordMfaAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await db.Set<UserSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.MfaVerifiedAt, now).SetProperty(x => x.LastSeenAt, now), cancellationToken);
    }

    /// <summary>
    /// Replaces the session with a new id that keeps its absolute end and MFA time (ASVS 5.0 7.2.4: new session
    /// token on privilege change). Returns null when the old one is no longer active.
    /// </summary>
    public async Task<Guid?> RenewAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        var renewedId = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var old = await db.Set<UserSession>().SingleOrDefaultAsync(s => s.Id == sessionId && s.EndedAt == null, cancellationToken);
            if (old is null)
            {
                return (Guid?)null;
            }

            old.EndedAt = now;
            old.EndReason = SessionEndReason.Renewed;
            var renewed = new UserSession
            {
                Id = Guid.NewGuid(),
                UserId = old.UserId,
                CreatedAt = old.CreatedAt,
                LastSeenAt = now,
                ExpiresAt = old.ExpiresAt,
                MfaVerifiedAt = old.MfaVerifiedAt,
                ClientAddress = old.ClientAddress,
                UserAgent = old.UserAgent,
            };
            db.Set<UserSession>().Add(renewed);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return renewed.Id;
        });
        db.ChangeTracker.Clear();
        return renewedId;
    }

    public async Task<IReadOnlyList<SessionView>> ListActiveAsync(Guid userId, Guid? currentSessionId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var idleSince = now - options.Value.IdleTimeout;
        var sessions = await db.Set<UserSession>().AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
            .ToListAsync(cancellationToken);
        return sessions
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.ClientAddress, s.UserAgent, s.Id == currentSessionId))
            .ToList();
    }

    /// <summary>Ends one of the user's own sessions. Returns false when there was no such active session.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var ended = await db.Set<UserSession>().Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, SessionEndReason.Revoked), cancellationToken);
        if (ended > 0)
        {
            await events.RecordAsync(new SecurityEvent("auth.session.revoke", AuditOutcome.Succeeded) { ResourceType = "session", ResourceId = sessionId.ToString() }, cancellationToken);
        }

        return ended > 0;
    }

    /// <summary>Ends every active session of the user ("sign out everywhere", account disabled, MFA reset).</summary>
    public async Task<int> RevokeAllAsync(Guid userId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var ended = await db.Set<UserSession>().Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), cancellationToken);
        await events.RecordAsync(new SecurityEvent("auth.session.revoke-all", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = userId.ToString(), Reason = reason.ToString() }, cancellationToken);
        return ended;
    }

    /// <summary>Ends the session at sign-out.</summary>
    public Task EndAsync(Guid sessionId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return db.Set<UserSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), cancellationToken);
    }
}
