using System.Net;
using System.Text.RegularExpressions;
using Custos.Web.Hosting;
using Custos.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Http;

/// <summary>Deny by default: every page and endpoint requires a signed-in user unless it is deliberately public.</summary>
public sealed partial class EndpointAuthorizationTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    /// <summary>The complete list of routes anyone may reach. Adding to it is a security decision.</summary>
    private static readonly string[] PublicRoutes =
    [
        "account/activate",
        "account/enrol",
        "account/sign-in",
        "account/sign-out",
        "account/verify",
        "error",
        "health/live",
        "health/ready",
        "report-incident",
        "setup",
    ];

    [Fact]
    public async Task Exactly_the_deliberately_public_routes_allow_anonymous_access_and_each_says_why()
    {
        await using var app = new CustosWebFactory();

        var anonymous = Endpoints(app)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .ToList();

        anonymous.Select(Route).Distinct().Order(StringComparer.Ordinal).ShouldBe(PublicRoutes);
        foreach (var endpoint in anonymous)
        {
            var marker = endpoint.Metadata.GetMetadata<IAllowAnonymous>();
            marker.ShouldBeOfType<PublicAccessAttribute>($"{Route(endpoint)} must opt in with [PublicAccess(reason)], not a bare AllowAnonymous");
            ((PublicAccessAttribute)marker).Reason.Length.ShouldBeGreaterThan(20);
        }
    }

    [Fact]
    public async Task Every_other_page_and_endpoint_turns_an_anonymous_caller_away()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();
        var protectedEndpoints = Endpoints(app).Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();

        protectedEndpoints.Count.ShouldBeGreaterThan(15, "the enumeration must find the pages and API endpoints");
        foreach (var endpoint in protectedEndpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods)
            {
                var path = "/" + RouteParameter().Replace(Route(endpoint), Guid.NewGuid().ToString());
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request, Ct);

                if (path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path}");
                }
                else
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{method} {path}");
                    response.Headers.Location!.ToString().ShouldContain("/account/sign-in", customMessage: $"{method} {path}");
                }
            }
        }
    }

    private static IEnumerable<RouteEndpoint> Endpoints(CustosWebFactory app)
    {
        _ = app.Server; // start the host
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
    }

    private static string Route(RouteEndpoint endpoint) => (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
