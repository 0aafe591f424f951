using System.Net;
using System.Text.Json.Serialization;
using Custos.Platform;
using Custos.Platform.Audit;
using Custos.Platform.Crypto;
using Custos.Platform.Identity;
using Custos.Platform.Identity.Sessions;
using Custos.Platform.Logging;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Web.Api;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custos.Web.Hosting;

public static class CustosWebHost
{
    public const string SeedDemoSwitch = "--seed-demo";

    /// <summary>Runs Custos until stopped. A configuration error prints one line naming the setting and exits 1.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var app = Build(args);
            await app.RunAsync();
            return 0;
        }
        catch (CustosConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seedDemo = args.Contains(SeedDemoSwitch, StringComparer.Ordinal);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Where(a => a != SeedDemoSwitch).ToArray(),
            // Pages are found in the application assembly; name it, so hosts started from another entry point
            // (tests, a future service wrapper) serve the same pages.
            ApplicationName = typeof(CustosWebHost).Assembly.GetName().Name,
        });
        if (seedDemo)
        {
            builder.Configuration.AddInMemoryCollection([new(StartupTasks.SeedDemoKey, "true")]);
        }

        configure?.Invoke(builder);
        ConfigureServices(builder);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        var urls = TransportSecurity.ConfiguredUrls(configuration);
        if (urls.Count == 0)
        {
            builder.WebHost.UseUrls(TransportSecurity.DefaultUrl);
            urls = [TransportSecurity.DefaultUrl];
        }

        var behindProxy = configuration.GetValue<bool>(TransportSecurity.BehindTlsProxyKey);
        TransportSecurity.EnsureAllowed(urls, behindProxy);
        var cookies = TransportSecurity.CookieSettingsFor(urls, behindProxy);
        if (behindProxy)
        {
            services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                foreach (var proxy in configuration.GetSection(TransportSecurity.KnownProxiesKey).Get<string[]>() ?? [])
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            });
        }

        // Logging: structured (JSON lines) outside development, for log shippers; classified data is erased
        // before any sink sees it.
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Logging.EnableRedaction();
        services.AddRedaction(redaction =>
        {
            redaction.SetRedactor<ErasingRedactor>(CustosDataClassification.Sensitive, CustosDataClassification.Personal);
            redaction.SetFallbackRedactor<ErasingRedactor>();
        });

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddScoped<IRequestContext, HttpRequestContext>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.TryAddSingleton<ISetupLinkAnnouncer, ConsoleSetupLinkAnnouncer>();
        services.AddCustosCore(configuration)
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<CustosClaimsPrincipalFactory>();
        services.AddHostedService<StartupTasks>();
        services.AddScoped<SessionSignIn>();
        services.AddAuditSequencing();
        services.AddHttpClient(SignedAuditWebhooks.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SignedAuditWebhooks>();
        services.AddSingleton<IAuditAlertNotifier>(sp => sp.GetRequiredService<SignedAuditWebhooks>());
        services.AddSingleton<IWitnessWebhook>(sp => sp.GetRequiredService<SignedAuditWebhooks>());

        // WebAuthn origin check: the credential must come from this site, as the request reached it (the Origin
        // header cannot be used: with "Referrer-Policy: no-referrer" browsers send "null" on form posts).
        services.Configure<IdentityPasskeyOptions>(options =>
        {
            options.UserVerificationRequirement = "required";
            options.ValidateOrigin = context =>
            {
                var request = context.HttpContext.Request;
                var expected = $"{request.Scheme}://{request.Host.Value}";
                return ValueTask.FromResult(!context.CrossOrigin && string.Equals(context.Origin, expected, StringComparison.OrdinalIgnoreCase));
            };
        });
        services.AddCustosRateLimits(configuration);

        // After StartupTasks, which migrates: a missing or wrong key-encryption key stops the host at start.
        services.AddHostedService<BackgroundKeyRotation>();
        services.AddCustosDataProtection();

        services.AddCustosAuthentication();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = cookies.SessionCookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = cookies.SecurePolicy;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            // The server-side session enforces idle and absolute limits on every request; the cookie itself lives
            // no longer than the absolute limit and never slides.
            options.ExpireTimeSpan = configuration.GetSection(SessionPolicy.Section).Get<SessionPolicy>()?.AbsoluteLifetime ?? new SessionPolicy().AbsoluteLifetime;
            options.SlidingExpiration = false;
            options.Events.OnValidatePrincipal = SessionSignIn.ValidateAsync;
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = cookies.AntiforgeryCookieName;
            options.Cookie.SecurePolicy = cookies.SecurePolicy;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddRazorPages(options => options.Conventions.AddPageRoute("/Organization/Customers/Edit", "/organization/customers/new"));
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiProblemHandler>();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Custos API";
            document.Info.Description = "HIPAA compliance platform. Every endpoint requires authentication.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        if (!builder.Environment.IsDevelopment())
        {
            services.AddHsts(options =>
            {
                options.MaxAge = TimeSpan.FromDays(365);
                options.IncludeSubDomains = true;
            });
        }
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(TransportSecurity.BehindTlsProxyKey))
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler("/error");
        // Bodiless error statuses: problem details under /api, the friendly error page everywhere else.
        app.UseWhen(IsApiRequest, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApiRequest(context), pages => pages.UseStatusCodePagesWithReExecute("/error", "?status={0}"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseCustosSecurityHeaders();
        app.UseStaticFiles();
        app.UseCustosRequestLogging();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseStepUp();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowPublicAccess("Liveness probe for load balancers and orchestrators; reveals nothing.");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .AllowPublicAccess("Readiness probe for load balancers and orchestrators; reports only Healthy or Unhealthy.");
        app.MapOpenApi("/api/v1/openapi.json");
        app.MapCustosApi();
        app.MapRazorPages();
    }

    private static bool IsApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApiRequest(context.HttpContext))
        {
            context.Response.StatusCode = status;
            return context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails =
                {
                    Status = status,
                    Title = status == StatusCodes.Status401Unauthorized ? "Authentication required" : "Permission denied",
                    Detail = status == StatusCodes.Status401Unauthorized
                        ? "This endpoint requires an authenticated caller: sign in to Custos first."
                        : "Your account does not have the permission this request needs.",
                },
            }).AsTask();
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
