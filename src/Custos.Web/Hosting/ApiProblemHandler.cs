using System.Text.Json;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Custos.Web.Hosting;

/// <summary>
/// Turns failures under /api into RFC 9457 problem details: rule violations become 400 with field errors,
/// unknown records 404, unreadable bodies 400; anything else a 500 that reveals nothing internal.
/// Page requests fall through to the error page.
/// </summary>
internal sealed partial class ApiProblemHandler(IProblemDetailsService problems, ILogger<ApiProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the middleware has rewritten the path to the error page; the feature keeps the original.
        var originalPath = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path.Value ?? string.Empty;
        if (!originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        ProblemDetails problem = exception switch
        {
            InvalidRequestException invalid => ToValidationProblem(invalid),
            RecordNotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found",
                Detail = notFound.Message,
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read",
                Detail = "Send a JSON body that matches the endpoint's schema (see /api/v1/openapi.json). " + FirstSentence(bad.Message),
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong",
                Detail = "The request failed on the server and nothing was saved. Try again; if it keeps failing, tell your administrator the trace id.",
            },
        };

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception.GetType().Name, httpContext.TraceIdentifier);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static HttpValidationProblemDetails ToValidationProblem(InvalidRequestException invalid) =>
        new(invalid.Errors.ToDictionary(e => ToJsonPath(e.Key), e => e.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields",
            Detail = "Correct the fields listed in 'errors' and send the request again; nothing was saved.",
        };

    private static string ToJsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    // The exception message may carry data from the request; log the type and trace id only.
    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} in API request {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string traceId);
}
