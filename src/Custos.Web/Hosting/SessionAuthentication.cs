using System.Globalization;
using System.Security.Claims;
using Custos.Platform.Identity;
using Custos.Platform.Identity.Sessions;
using Custos.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Custos.Web.Hosting;

internal static class SessionClaims
{
    /// <summary>The server-side session id.</summary>
    public const string SessionId = "custos:sid";

    /// <summary>When the principal's permissions were computed (UTC ticks).</summary>
    public const string IssuedAt = "custos:issued";


    public static Guid? SessionIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(SessionId), out var id) ? id : null;
}

/// <summary>
/// Signs a user in after both factors, and checks the server-side session on every request: a revoked session, a
/// disabled account, an idle or absolute timeout ends it on that very request (ASVS 5.0 7.4; 45 CFR
/// 164.312(a)(2)(iii)). When the user's privileges change, the principal is rebuilt under a new session id.
/// </summary>
public sealed class SessionSignIn(
    SignInManager<CustosUser> signIn, UserManager<CustosUser> users, SessionStore sessions, IRequestContext request, TimeProvider time)
{
    public const string MfaVerifiedAtItem = "custos:mfa-verified-at";

    /// <summary>Starts a session and issues the session cookie (a new identifier at every sign-in).</summary>
    public async Task SignInAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        var sessionId = await sessions.StartAsync(userId, request.ClientAddress, request.UserAgent, cancellationToken);
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        var principal = await BuildPrincipalAsync(user, sessionId);
        await signIn.Context.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Remembers who passed the password step (a short-lived cookie) until the second factor is checked.</summary>
    public Task BeginSecondStepAsync(Guid userId)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, userId.ToString()));
        return signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The user who passed the password step, if the short-lived cookie is still valid.</summary>
    public async Task<Guid?> PendingUserAsync()
    {
        var result = await signIn.Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return result.Succeeded && Guid.TryParse(result.Principal?.FindFirstValue(ClaimTypes.Name), out var id) ? id : null;
    }

    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        if (SessionClaims.SessionIdOf(signIn.Context.User) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, SessionEndReason.SignedOut, cancellationToken);
        }

        await signIn.SignOutAsync();
    }

    public async Task<ClaimsPrincipal> BuildPrincipalAsync(CustosUser user, Guid sessionId)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionClaims.SessionId, sessionId.ToString()));
        identity.AddClaim(new Claim(SessionClaims.IssuedAt, time.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim("amr", "mfa"));
        return principal;
    }

    /// <summary>The cookie handler's per-request check.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessionId = principal is null ? null : SessionClaims.SessionIdOf(principal);
        if (principal is null || sessionId is null || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            await RejectAsync(context);
            return;
        }

        var services = context.HttpContext.RequestServices;
        var sessions = services.GetRequiredService<SessionStore>();
        var check = await sessions.CheckAsync(sessionId.Value, userId, context.HttpContext.RequestAborted);
        if (check.State != SessionState.Active)
        {
            if (check.State is SessionState.IdleTimedOut or SessionState.AbsoluteTimedOut)
            {
                context.HttpContext.Items["custos:session-expired"] = true;
            }

            await RejectAsync(context);
            return;
        }

        context.HttpContext.Items[MfaVerifiedAtItem] = check.MfaVerifiedAt;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var issuedAt = TicksClaim(principal, SessionClaims.IssuedAt) ?? DateTimeOffset.MinValue;
        var privilegesChanged = (check.PrivilegesChangedAt is { } changed && changed >= issuedAt) || PermissionClaims.GrantEnded(principal, now);
        if (!privilegesChanged)
        {
            // Permissions older than a minute are computed again, so an approved elevation arrives within a minute.
            if (await PermissionClaims.RefreshIfStaleAsync(context.HttpContext, principal, now) is not { } refreshed)
            {
                return;
            }

            if (!refreshed.Changed)
            {
                context.ReplacePrincipal(refreshed.Principal);
                context.ShouldRenew = true;
                return;
            }
        }

        if (await services.GetRequiredService<SessionSignIn>().RenewAsync(sessionId.Value, userId, context.HttpContext.RequestAborted) is not { } rebuilt)
        {
            await RejectAsync(context);
            return;
        }

        context.ReplacePrincipal(rebuilt);
        context.ShouldRenew = true;
    }

    /// <summary>
    /// ASVS 5.0 7.2.4: a privilege change gets a new session identifier. Replaces the session and returns the
    /// principal rebuilt under the new id, or null when the session or the user no longer exists.
    /// </summary>
    public async Task<ClaimsPrincipal?> RenewAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var renewed = await sessions.RenewAsync(sessionId, cancellationToken);
        var user = await users.FindByIdAsync(userId.ToString());
        return renewed is null || user is null ? null : await BuildPrincipalAsync(user, renewed.Value);
    }

    private static DateTimeOffset? TicksClaim(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
