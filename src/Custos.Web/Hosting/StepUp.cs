using Custos.Platform.Identity.Sessions;
using Microsoft.Extensions.Options;

namespace Custos.Web.Hosting;

/// <summary>
/// Marks a page, handler class or endpoint as sensitive: the caller must have passed an MFA check within the last
/// few minutes (step-up re-authentication, ASVS 5.0 6.8.x / 7.5.3), or is sent to re-authenticate first.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequireStepUpAttribute : Attribute;

internal static class StepUpExtensions
{
    public const string StepUpPath = "/account/step-up";

    public static TBuilder RequireStepUp<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequireStepUpAttribute());

    /// <summary>Enforces <see cref="RequireStepUpAttribute"/> for browser sessions (API keys carry no second factor and are governed by their scopes).</summary>
    public static IApplicationBuilder UseStepUp(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<RequireStepUpAttribute>() is null
                || SessionClaims.SessionIdOf(context.User) is null
                || IsRecent(context))
            {
                await next(context);
                return;
            }

            var returnUrl = context.Request.Path + context.Request.QueryString;
            // A browser asking for a page, or following a download link to the API, is sent to confirm and come back.
            var browserNavigation = !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                || context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
            if (HttpMethods.IsGet(context.Request.Method) && browserNavigation)
            {
                context.Response.Redirect($"{StepUpPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
                return;
            }

            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Confirm it is you",
                    Detail = $"This action needs a fresh check of your second factor. Confirm at {StepUpPath}, then try again.",
                    Type = "https://custos.dev/problems/step-up-required",
                },
            });
        });

    /// <summary>
    /// For a page anyone with a read permission may view, whose changes need <paramref name="permission"/> and a second
    /// factor entered in the last few minutes: the result that refuses a change (forbidden, or off to confirm and come
    /// back to the page), or null when it may go ahead.
    /// </summary>
    public static Microsoft.AspNetCore.Mvc.IActionResult? RefuseChange(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, string permission) =>
        !page.User.HasPermission(permission) ? new Microsoft.AspNetCore.Mvc.ForbidResult()
        : !IsRecent(page.HttpContext) ? new Microsoft.AspNetCore.Mvc.RedirectResult($"{StepUpPath}?returnUrl={Uri.EscapeDataString(page.Request.Path)}")
        : null;

    public static bool IsRecent(HttpContext context)
    {
        if (context.Items[SessionSignIn.MfaVerifiedAtItem] is not DateTimeOffset verifiedAt)
        {
            return false;
        }

        var window = context.RequestServices.GetRequiredService<IOptions<SessionPolicy>>().Value.StepUpWindow;
        return context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() - verifiedAt <= window;
    }
}
