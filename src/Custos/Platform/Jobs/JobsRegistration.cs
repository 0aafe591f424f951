using Custos.Platform.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl.AdoJobStore;
using Quartz.Impl.AdoJobStore.Common;

namespace Custos.Platform.Jobs;

/// <summary>
/// Work a module wants done on a schedule. Implement it, then register it once with
/// <see cref="JobsRegistration.AddRecurringJob{TJob}"/>. Each run gets its own DI scope (its own database context);
/// runs of one job never overlap, and with PostgreSQL only one node of a cluster runs each firing.
/// </summary>
public interface IRecurringJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>A registered recurring job: its unique name, implementation, interval and what it does.</summary>
public sealed record RecurringJobRegistration(string Name, Type JobType, TimeSpan Interval, string Description);

/// <summary>Settings under <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Whether this process runs scheduled jobs (default true). Set false on nodes that must not.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many jobs may run at once in this process.</summary>
    public int MaxConcurrency { get; set; } = 2;
}

/// <summary>
/// The Jobs capability: Quartz.NET with its ADO.NET job store in the Custos database (qrtz_* tables provisioned by
/// Quartz itself, ADR 0013): SQLite through Microsoft.Data.Sqlite, PostgreSQL through Npgsql with clustering, so that several nodes
/// share the schedule and each firing runs once.
/// </summary>
public static class JobsRegistration
{
    public const string Group = "custos";

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var postgres = string.Equals(configuration[DatabaseSettings.ProviderKey], nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase);
        services.AddTransient<ScopedJobRunner>();
        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(Math.Max(1, options.MaxConcurrency));
            q.UsePersistentStore(store =>
            {
                // Quartz creates its qrtz_* tables when missing (ADR 0013): its schema follows its own version.
                store.ProvisionSchema();
                // The connection string is read when the scheduler starts, so hosts (and tests) may set it late.
                store.UseConnectionProvider(sp => new DbProvider(postgres ? "Npgsql" : "SQLite-Microsoft", sp.GetRequiredService<DatabaseSettings>().ConnectionString));
                if (postgres)
                {
                    store.UseDriverDelegate<PostgreSQLDelegate>();
                    store.UseClustering(c => c.Enabled = true);
                }
                else
                {
                    store.UseDriverDelegate<SQLiteDelegate>();
                }
            });
        });
        services.AddHostedService<JobSchedulerHost>();

        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TJob"/> to run every <paramref name="interval"/> (first run at start-up, then on
    /// the interval). <paramref name="name"/> must be unique, for example "incidents.deadline-reminders".
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, TimeSpan interval, string description)
        where TJob : class, IRecurringJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (interval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "A recurring job runs at most once a second.");
        }

        services.AddScoped<TJob>();
        services.AddSingleton(new RecurringJobRegistration(name, typeof(TJob), interval, description));
        services.ConfigureAllQuartzSchedulers(q =>
        {
            q.AddJob<ScopedJobRunner>(j => j.WithIdentity(name, Group).WithDescription(description).StoreDurably().DisallowConcurrentExecution());
            q.AddTrigger<ScopedJobRunner>(t => t.WithIdentity(name, Group).ForJob(name, Group).StartNow().WithSimpleSchedule(interval));
        });
        return services;
    }
}

/// <summary>
/// Starts the scheduler once the host has fully started (after start-up tasks have migrated the database and checked
/// the keys: a node that refuses to start never runs a job), when <see cref="JobsOptions.Enabled"/>; stops it with the
/// host, letting running jobs finish within the host's shutdown time. Without a host lifetime (tests composing the
/// core directly) <see cref="StartAsync"/> starts it at once.
/// </summary>
internal sealed partial class JobSchedulerHost(IServiceProvider services, ISchedulerFactory factory, IOptions<JobsOptions> options, ILogger<JobSchedulerHost> logger)
    : Microsoft.Extensions.Hosting.IHostedService
{
    private readonly System.Threading.Lock gate = new();
    private IScheduler? scheduler;
    private bool stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        if (services.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>() is { } lifetime)
        {
            lifetime.ApplicationStarted.Register(() => _ = StartSchedulerAsync(lifetime.ApplicationStopping));
            return;
        }

        await StartSchedulerAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IScheduler? running;
        lock (gate)
        {
            stopped = true;
            running = scheduler;
        }

        if (running is not null)
        {
            await running.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    private async Task StartSchedulerAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await factory.GetScheduler(cancellationToken);
            lock (gate)
            {
                if (stopped)
                {
                    return;
                }

                scheduler = created;
            }

            await created.Start(cancellationToken);
        }
        catch (Exception ex) when (ex is SchedulerException or System.Data.Common.DbException or OperationCanceledException or ObjectDisposedException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled jobs are disabled in this process (Jobs:Enabled=false).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job scheduler could not start; scheduled jobs (deadline reminders) will not run in this process.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Runs the registered job named by the Quartz job key in a fresh scope.</summary>
internal sealed partial class ScopedJobRunner(IServiceProvider services, ILogger<ScopedJobRunner> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.JobDetail.Key.Name;
        var registration = services.GetServices<RecurringJobRegistration>().FirstOrDefault(r => r.Name == name);
        if (registration is null)
        {
            LogUnknown(logger, name);
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await ((IRecurringJob)scope.ServiceProvider.GetRequiredService(registration.JobType)).RunAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored job named {Name} has no registration in this version; it was skipped.")]
    private static partial void LogUnknown(ILogger logger, string name);
}
