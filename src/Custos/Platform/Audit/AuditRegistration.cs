using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custos.Platform.Audit;

public static class AuditRegistration
{
    /// <summary>
    /// The ledger: change and read recording on every <see cref="AppDbContext"/>, the security-event sink, the
    /// sequencer, proofs, verification and export. Hosts that integrate entries in the background add
    /// <see cref="AddAuditSequencing"/>.
    /// </summary>
    public static IServiceCollection AddAuditLedger(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => AuditOptions.FromConfiguration(configuration));
        services.TryAddSingleton<CheckpointSigningKey>();
        services.TryAddSingleton<CheckpointWitness>();
        services.TryAddSingleton<AuditSequencer>();
        services.TryAddSingleton<AuditGroupCommit>();
        services.AddScoped<AuditEntryFactory>();
        services.AddScoped<AuditAppender>();
        services.AddScoped<AuditChangeInterceptor>();
        services.AddScoped<AuditReadRecorder>();
        services.TryAddSingleton(AuditReadInterceptor.Instance);
        services.AddScoped<AuditLedgerReader>();
        services.AddScoped<AuditLedgerMaintenance>();
        services.AddScoped<AuditLedgerArchiver>();
        services.AddScoped<AuditAlertInbox>();
        services.Replace(ServiceDescriptor.Scoped<ISecurityEventSink, LedgerSecurityEventSink>());
        services.ConfigureDbContext<AppDbContext>((provider, options) => options.AddInterceptors(
            provider.GetRequiredService<AuditChangeInterceptor>(),
            provider.GetRequiredService<AuditReadInterceptor>(),
            AuditBulkChangeGuard.Instance));
        return services;
    }

    /// <summary>
    /// The background work of a long-running host: the sequencer (integration within a second of an append,
    /// checkpoints while entries arrive) and scheduled verification.
    /// </summary>
    public static IServiceCollection AddAuditSequencing(this IServiceCollection services)
    {
        services.AddHostedService<AuditSequencerService>();
        services.AddHostedService<AuditVerificationSchedule>();
        return services;
    }
}
