using System.Diagnostics;

namespace Custos.Web.Hosting;

/// <summary>
/// One line per request: method, path (never the query string, which may carry a one-time token), status and time.
/// Bodies, headers and cookies are never logged. ASP.NET Core's own request logging is turned down to warnings
/// because it writes the full URL.
/// </summary>
internal static partial class RequestLogging
{
    public const string CategoryName = "Custos.Web.Requests";

    public static IApplicationBuilder UseCustosRequestLogging(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                LogCompleted(context, started);
            }
        });

    private static void LogCompleted(HttpContext context, long started)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(CategoryName);
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var endpoint = context.GetEndpoint() as RouteEndpoint;
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogRequest(
            logger,
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            endpoint?.RoutePattern.RawText ?? "(none)",
            context.Response.StatusCode,
            elapsedMs);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "{Method} {Path} (route {Route}) answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, string route, int statusCode, double elapsedMs);
}
