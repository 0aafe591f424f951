using System.Text.RegularExpressions;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Custos.Web.Tests.Infrastructure;

/// <summary>
/// The real web host on a fresh SQLite file, over the in-memory test server. Captures the setup link instead of
/// printing it, collects every log record, and lets a test move time.
/// </summary>
public sealed partial class CustosWebFactory(bool seedDemo = false, bool migrateOnStartup = true) : WebApplicationFactory<Program>
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "custos-web-tests", Guid.NewGuid().ToString("N"));

    public CapturingSetupLinkAnnouncer Announcer { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));

    public string DatabasePath => Path.Combine(folder, "custos.db");

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>Extra configuration, applied when the host starts.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(folder);
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Custos", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting(StartupTasks.SeedDemoKey, seedDemo ? "true" : "false");
        builder.UseSetting("Database:MigrateOnStartup", migrateOnStartup ? "true" : "false");

        // The ledger's key and witness default to the working directory, which every test shares.
        builder.UseSetting("Audit:SigningKeyPath", Path.Combine(folder, "audit", "checkpoint-signing-key.pem"));
        builder.UseSetting("Audit:WitnessPath", Path.Combine(folder, "audit", "witness.jsonl"));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ISetupLinkAnnouncer>(Announcer);
            services.AddSingleton<TimeProvider>(Time);
            TestPasswordHashing.Apply(services);
        });
    }

    /// <summary>A browser-like client: HTTPS (secure cookies), cookies kept, redirects not followed.</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>The authenticator key the administrator enrolled with, for later codes (step-up, sign-in again).</summary>
    public string? AdministratorAuthenticatorKey { get; private set; }

    /// <summary>
    /// Completes first-run setup and the administrator's authenticator enrolment through the real forms and returns
    /// the signed-in client.
    /// </summary>
    public async Task<HttpClient> CreateAdministratorClientAsync(
        string email = "admin@custos.example", string password = "correct horse battery staple")
    {
        var client = CreateBrowserClient();
        var link = Announcer.WaitForLink();
        var form = await client.GetStringAsync(link.PathAndQuery);
        var response = await client.PostAsync(link.PathAndQuery, Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Avery Admin",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Setup did not succeed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        AdministratorAuthenticatorKey = await EnrolAuthenticatorAsync(client);
        return client;
    }

    /// <summary>On the enrolment page after the password step: reads the key, answers with a code, returns the key.</summary>
    public async Task<string> EnrolAuthenticatorAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/account/enrol");
        var key = Authenticator.SharedKeyOn(page);
        var confirmed = await client.PostAsync("/account/enrol", Forms.Encode(page, new Dictionary<string, string> { ["Code"] = NextCode(key) }));
        var body = await confirmed.Content.ReadAsStringAsync();
        if (!body.Contains("data-recovery-codes", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Enrolment did not succeed: {(int)confirmed.StatusCode}");
        }

        return key;
    }

    /// <summary>
    /// Creates a user with the given roles (as an administrator would), signs them in through the real forms,
    /// enrolling their authenticator at this first sign-in, and returns their client and authenticator key.
    /// </summary>
    public Task<(HttpClient Client, string Key)> SignInAsNewUserAsync(string email, params string[] roles) =>
        SignInAsNewNamedUserAsync(email, email, roles);

    /// <inheritdoc cref="SignInAsNewUserAsync(string, string[])"/>
    public async Task<(HttpClient Client, string Key)> SignInAsNewNamedUserAsync(string email, string displayName, params string[] roles)
    {
        const string password = "a quiet lantern by the harbor";
        await TestAccounts.CreateAsync(Services, Time, email, displayName, password, roles);

        var client = CreateBrowserClient();
        var form = await client.GetStringAsync("/account/sign-in");
        var response = await client.PostAsync("/account/sign-in", Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        if (response.Headers.Location?.OriginalString.StartsWith("/account/enrol", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"Sign-in did not reach enrolment: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return (client, await EnrolAuthenticatorAsync(client));
    }

    /// <summary>A code for the next 30-second step (time moves on, so it was never used before).</summary>
    public string NextCode(string key)
    {
        Time.Advance(TimeSpan.FromSeconds(30));
        return Authenticator.CodeAt(key, Time.GetUtcNow());
    }

    /// <summary>Passes step-up re-authentication with a fresh code.</summary>
    public async Task StepUpAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/account/step-up");
        var response = await client.PostAsync("/account/step-up", Forms.Encode(page, new Dictionary<string, string> { ["Code"] = NextCode(AdministratorAuthenticatorKey!) }));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Step-up did not succeed: {(int)response.StatusCode}");
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
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

public sealed class CapturingSetupLinkAnnouncer : ISetupLinkAnnouncer
{
    private readonly TaskCompletionSource<Uri> link = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Announce(Uri setupLink, TimeSpan validFor) => link.TrySetResult(setupLink);

    public Uri WaitForLink() => link.Task.Wait(TimeSpan.FromSeconds(30))
        ? link.Task.GetAwaiter().GetResult()
        : throw new TimeoutException("No setup link was announced.");

    public bool WasAnnounced => link.Task.IsCompleted;

    public string Token => System.Web.HttpUtility.ParseQueryString(WaitForLink().Query)["token"]!;
}

/// <summary>Reads and fills HTML forms the way a browser does, antiforgery token included.</summary>
public static partial class Authenticator
{
    public static string SharedKeyOn(string enrolmentPage)
    {
        var match = KeyPattern().Match(enrolmentPage);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("The page shows no authenticator key.");
    }

    public static string CodeAt(string key, DateTimeOffset at) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(at.UtcDateTime);

    [GeneratedRegex("data-shared-key=\"([A-Z2-7]+)\"")]
    private static partial Regex KeyPattern();
}

public static partial class Forms
{
    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    public static FormUrlEncodedContent Encode(string pageHtml, IDictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(pageHtml) };
        foreach (Match hidden in HiddenPattern().Matches(pageHtml))
        {
            values.TryAdd(System.Net.WebUtility.HtmlDecode(hidden.Groups["name"].Value), System.Net.WebUtility.HtmlDecode(hidden.Groups["value"].Value));
        }

        return new FormUrlEncodedContent(values);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<input type=\"hidden\"[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenPattern();
}
