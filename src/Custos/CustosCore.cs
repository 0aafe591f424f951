using Custos.Demo;
using Custos.Modules.AccessGovernance;
using Custos.Modules.Evidence;
using Custos.Modules.Incidents;
using Custos.Modules.Organization;
using Custos.Modules.Privacy;
using Custos.Modules.Safeguards;
using Custos.Platform.Audit;
using Custos.Platform.Crypto;
using Custos.Platform.Files;
using Custos.Platform.Identity;
using Custos.Platform.Identity.ApiKeys;
using Custos.Platform.Identity.Users;
using Custos.Platform.Jobs;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custos;

/// <summary>The composition of the core that every host uses: same configuration, same services.</summary>
public static class CustosCore
{
    /// <summary>
    /// Registers platform capabilities and every module. The database settings are read from
    /// <paramref name="configuration"/> when first needed (hosts resolve them at start, so a bad setting stops the
    /// host with a <see cref="Platform.CustosConfigurationException"/>); reading late lets test hosts add settings.
    /// </summary>
    public static IdentityBuilder AddCustosCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICurrentActor, SystemActor>();
        services.TryAddScoped<IRequestContext, NoRequestContext>();
        services.Configure<Platform.Identity.Sessions.SessionPolicy>(configuration.GetSection(Platform.Identity.Sessions.SessionPolicy.Section));
        services.AddCustosPersistence(_ => DatabaseSettings.FromConfiguration(configuration));
        services.AddCustosCrypto(configuration);
        services.AddAuditLedger(configuration);
        services.AddCustosFiles(configuration);
        services.AddOrganizationModule();
        services.AddApiKeys();
        services.AddUserAdministration();
        services.AddNotifications(configuration);
        services.AddIncidentsModule(configuration);
        services.AddJobs(configuration);
        services.AddAccessGovernanceModule(configuration);
        services.AddSafeguardsModule();
        services.AddEvidenceModule(configuration);
        services.AddScoped<SafeguardsDemo>();
        services.AddScoped<IncidentsDemo>();
        services.AddPrivacyModule();
        services.AddScoped<DemoSeeder>();
        return services.AddCustosIdentityCore();
    }
}
