using Custos.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Infrastructure;

/// <summary>Custos on real Kestrel, on a free loopback port, for a real browser.</summary>
public sealed class LiveCustos : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string folder;

    private LiveCustos(WebApplication app, string folder, CapturingSetupLinkAnnouncer announcer)
    {
        this.app = app;
        this.folder = folder;
        Announcer = announcer;
    }

    public CapturingSetupLinkAnnouncer Announcer { get; }

    /// <summary>http://localhost:port: browsers treat localhost as a secure context, so Secure cookies work.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<LiveCustos> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "custos-live-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var announcer = new CapturingSetupLinkAnnouncer();
        var app = CustosWebHost.Build(
            ["--urls", "http://127.0.0.1:0", "--contentRoot", RepositoryPaths.WebProject, "--environment", "Production"],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Sqlite",
                    ["ConnectionStrings:Custos"] = $"Data Source={Path.Combine(folder, "custos.db")}",
                    ["Logging:LogLevel:Default"] = "Warning",
                });
                builder.Services.AddSingleton<ISetupLinkAnnouncer>(announcer);
            });
        await app.StartAsync();
        var live = new LiveCustos(app, folder, announcer);
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
