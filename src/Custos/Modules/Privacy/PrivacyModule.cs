using Microsoft.Extensions.DependencyInjection;

namespace Custos.Modules.Privacy;

public static class PrivacyModule
{
    public static IServiceCollection AddPrivacyModule(this IServiceCollection services)
    {
        services.AddScoped<RecordPseudonyms>();
        services.AddScoped<ReidentifyRecords>();
        return services;
    }
}
