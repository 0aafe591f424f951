using System.Globalization;
using System.Threading.RateLimiting;

namespace Custos.Web.Hosting;

/// <summary>
/// Throttling per client address (ASVS 5.0 6.3.1 and 2.4.1): sign-in (password and passkey), second-factor,
/// recovery-code, step-up, account-activation and setup forms, and the public anonymous incident form (report and
/// receipt-code follow-up, which would otherwise invite guessing codes and flooding)
/// allow 10 submissions a minute; the API allows 300 requests a minute, which bounds API-key guessing as well as
/// runaway clients. Account lockout (per account) is separate and comes first.
/// </summary>
internal static class RateLimits
{
    public const int AuthenticationPermitsPerMinute = 10;
    public const int ApiPermitsPerMinute = 300;

    private static readonly string[] AuthenticationPaths =
        ["/account/sign-in", "/account/verify", "/account/enrol", "/account/step-up", "/account/activate", "/setup", "/report-incident"];

    public const string AuthenticationKey = "Custos:RateLimits:AuthenticationPerMinute";
    public const string ApiKey = "Custos:RateLimits:ApiPerMinute";

    public static IServiceCollection AddCustosRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var authenticationPermits = configuration.GetValue(AuthenticationKey, AuthenticationPermitsPerMinute);
        var apiPermits = configuration.GetValue(ApiKey, ApiPermitsPerMinute);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var path = context.Request.Path;
                if (HttpMethods.IsPost(context.Request.Method) && AuthenticationPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("auth:" + client, _ => Window(authenticationPermits));
                }

                if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("api:" + client, _ => Window(apiPermits));
                }

                return RateLimitPartition.GetNoLimiter("none");
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"Too many attempts from your address. Wait {Math.Ceiling(retryAfter.TotalSeconds)} seconds and try again.",
                    },
                });
            };
        });
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
