using Custos.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Custos.Web.Tests.Infrastructure;

/// <summary>Custos on real Kestrel, on a free loopback port, for a real browser.</summary>
public sealed class LiveCustos : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string folder;

    private LiveCustos(WebApplication app, string folder, CapturingSetupLinkAnnouncer announcer, FakeTimeProvider time)
    {
        Time = time;
        this.app = app;
        this.folder = folder;
        Announcer = announcer;
    }

    public CapturingSetupLinkAnnouncer Announcer { get; }

    /// <summary>The host's clock: starts at the real time (the browser's cookies and the host agree) and moves when a test says.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>
    /// First-run setup in the browser from the console link, then the administrator's authenticator enrolment with a
    /// code computed from the displayed key; ends on the dashboard. Returns the authenticator key.
    /// </summary>
    public async Task<string> SetUpAdministratorAsync(Microsoft.Playwright.IPage page, string name, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(new Uri(BaseAddress, Announcer.WaitForLink().PathAndQuery).ToString());
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Work email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat the password").FillAsync(password);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await page.WaitForURLAsync("**/account/enrol");
        var key = (await page.Locator("[data-shared-key]").GetAttributeAsync("data-shared-key"))!;
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(NextCode(key));
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "I have saved them, continue" }).ClickAsync();
        await page.WaitForURLAsync(BaseAddress + "");
        return key;
    }

    /// <summary>The running host's services, for arranging data a test is not about.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>Creates an account with standing roles (as an administrator would) and a password.</summary>
    public Task CreateUserAsync(string email, string displayName, string password, params string[] roles) =>
        TestAccounts.CreateAsync(app.Services, Time, email, displayName, password, roles);

    /// <summary>Signs in a user created by <see cref="CreateUserAsync"/> for the first time: password, then authenticator enrolment.</summary>
    public async Task SignInFirstTimeAsync(Microsoft.Playwright.IPage page, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(new Uri(BaseAddress, "/account/sign-in").ToString());
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/account/enrol**");
        var key = (await page.Locator("[data-shared-key]").GetAttributeAsync("data-shared-key"))!;
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(NextCode(key));
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "I have saved them, continue" }).ClickAsync();
    }

    /// <summary>A code for the next 30-second step of the host's clock (so it was never used before).</summary>
    public string NextCode(string key)
    {
        Time.Advance(TimeSpan.FromSeconds(30));
        return Authenticator.CodeAt(key, Time.GetUtcNow());
    }

    /// <summary>
    /// Gives a user one more built-in role, then moves the clock past the session's permission refresh so the next
    /// request carries the new permissions (no role-change use case exists yet; this stands in for one).
    /// </summary>
    public async Task GrantRoleAsync(string email, string role)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Custos.Platform.Identity.CustosUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Custos.Platform.Identity.CustosRole>>();
            if (!await roles.RoleExistsAsync(role))
            {
                (await roles.CreateAsync(new Custos.Platform.Identity.CustosRole(role))).Succeeded.ShouldBeTrue();
            }

            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
            var result = await users.AddToRoleAsync(user, role);
            result.Succeeded.ShouldBeTrue(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        Time.Advance(TimeSpan.FromMinutes(2));
    }

    /// <summary>http://localhost:port: browsers treat localhost as a secure context, so Secure cookies work.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<LiveCustos> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "custos-live-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var announcer = new CapturingSetupLinkAnnouncer();
        var time = new FakeTimeProvider(TestClock.RealNow());
        var app = CustosWebHost.Build(
            ["--urls", "http://127.0.0.1:0", "--contentRoot", RepositoryPaths.WebProject, "--environment", "Production"],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Sqlite",
                    ["ConnectionStrings:Custos"] = $"Data Source={Path.Combine(folder, "custos.db")}",
                    ["Audit:SigningKeyPath"] = Path.Combine(folder, "audit", "checkpoint-signing-key.pem"),
                    ["Audit:WitnessPath"] = Path.Combine(folder, "audit", "witness.jsonl"),
                    ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("CUSTOS_TEST_LIVE_LOG") ?? "Warning",
                });
                builder.Services.AddSingleton<ISetupLinkAnnouncer>(announcer);
                if (TestContext.Current.TestOutputHelper is { } output)
                {
                    builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
                    builder.Logging.AddFilter<TestOutputLoggerProvider>("Custos.Web.Requests", LogLevel.Information);
                }

                builder.Services.AddSingleton<TimeProvider>(time);
                TestPasswordHashing.Apply(builder.Services);
            });
        await app.StartAsync();
        var live = new LiveCustos(app, folder, announcer, time);
        var port = new Uri(app.Urls.First()).Port;
        live.BaseAddress = new Uri($"http://localhost:{port}");
        return live;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

internal static class TestClock
{
    /// <summary>The real time, once, to start a fake clock where the browser's clock is.</summary>
    public static DateTimeOffset RealNow() => TimeProvider.System.GetUtcNow();
}
