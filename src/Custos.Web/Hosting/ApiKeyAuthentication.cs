using System.Security.Claims;
using System.Text.Encodings.Web;
using Custos.Platform.Identity.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Custos.Web.Hosting;

/// <summary>
/// API keys are accepted only as <c>Authorization: Bearer</c> on /api/v1; pages and everything else use the sign-in
/// cookie alone. The default scheme is a policy scheme that picks one of the two per request.
/// </summary>
internal static class ApiKeyAuthenticationDefaults
{
    public const string Scheme = "ApiKey";
    public const string SelectorScheme = "Custos";
    public const string ActorKindClaim = "custos:actor_kind";
    private const string BearerPrefix = "Bearer ";

    public static AuthenticationBuilder AddCustosAuthentication(this IServiceCollection services)
    {
        var builder = services.AddAuthentication(SelectorScheme);
        builder.AddPolicyScheme(SelectorScheme, "Sign-in cookie, or an API key on /api/v1", options =>
            options.ForwardDefaultSelector = context => IsApiKeyRequest(context.Request) ? Scheme : IdentityConstants.ApplicationScheme);
        builder.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, "API key", _ => { });
        builder.AddIdentityCookies();
        return builder;
    }

    /// <summary>A bearer token on the versioned API: the only place a key is looked at.</summary>
    public static bool IsApiKeyRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
        && request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }
}

/// <summary>
/// Authenticates a request by its API key: the principal is the key (a service account), its permissions are the
/// key's scopes. A refused key gets 401 with a problem body that says why in general terms (never which part failed).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthenticateApiKey authenticate)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiKeyAuthenticationDefaults.IsApiKeyRequest(Request) || ApiKeyAuthenticationDefaults.BearerToken(Request) is not { Length: > 0 } token)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await authenticate.HandleAsync(token, Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (!result.Succeeded || result.Actor is not { } actor)
        {
            return AuthenticateResult.Fail("The API key was not accepted.");
        }

        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, actor.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, actor.DisplayName));
        identity.AddClaim(new Claim(CustosClaims.DisplayName, actor.DisplayName));
        identity.AddClaim(new Claim(ApiKeyAuthenticationDefaults.ActorKindClaim, nameof(Platform.Identity.ActorKind.ApiKey)));
        foreach (var scope in result.Scopes)
        {
            identity.AddClaim(new Claim(PermissionPolicies.ClaimType, scope));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"custos\"";
        return WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "Authentication required",
            "The API key was not accepted: it is unknown, malformed, revoked or expired. Create or rotate a key (Access control, API keys) and send it as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(
            StatusCodes.Status403Forbidden,
            "Permission denied",
            "The API key's scopes do not include the permission this request needs. Create a key with that scope.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
