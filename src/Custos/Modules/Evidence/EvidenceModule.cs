using Custos.Modules.Evidence.Contracts;
using Custos.Platform.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Modules.Evidence;

public static class EvidenceModule
{
    public static IServiceCollection AddEvidenceModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => EvidenceSettings.FromConfiguration(configuration));
        services.AddScoped<IEvidenceRecords, EvidenceRecords>();
        services.AddScoped<AddEvidence>();
        services.AddScoped<ReviewEvidence>();
        services.AddScoped<ListEvidence>();
        services.AddScoped<DownloadEvidenceFile>();
        services.AddScoped<VerifyEvidenceIntegrity>();
        services.AddRecurringJob<EvidenceIntegrityJob>(EvidenceIntegrityJob.Name, TimeSpan.FromDays(1),
            "Re-hashes every stored evidence file and raises a finding on any missing or altered file.");
        return services;
    }
}
