using Custos.Demo;
using Custos.Modules.Organization;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custos;

/// <summary>The composition of the core that every host uses: same configuration, same services.</summary>
public static class CustosCore
{
    /// <summary>
    /// Registers platform capabilities and every module. Reads and validates the database settings now, so that
    /// a bad setting stops the host at start with a <see cref="Platform.CustosConfigurationException"/>.
    /// </summary>
    public static IdentityBuilder AddCustosCore(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.FromConfiguration(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICurrentActor, SystemActor>();
        services.AddCustosPersistence(settings);
        services.AddOrganizationModule();
        services.AddScoped<DemoSeeder>();
        return services.AddCustosIdentityCore();
    }
}
