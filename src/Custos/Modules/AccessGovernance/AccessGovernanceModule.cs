using Custos.Platform.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Modules.AccessGovernance;

public static class AccessGovernanceModule
{
    public static IServiceCollection AddAccessGovernanceModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BreakGlassOptions>(configuration.GetSection(BreakGlassOptions.Section));
        services.AddScoped<AccessRequester>();
        services.AddScoped<BreakGlassRecipients>();
        services.AddScoped<ITemporaryRoleGrantSource, ElevationGrantSource>();
        services.AddScoped<IRoleReferences, ElevationRoleReferences>();
        services.AddScoped<RequestElevation>();
        services.AddScoped<DecideElevation>();
        services.AddScoped<ListElevations>();
        services.AddScoped<BreakGlass>();
        services.AddScoped<CloseBreakGlassReview>();
        return services;
    }
}
