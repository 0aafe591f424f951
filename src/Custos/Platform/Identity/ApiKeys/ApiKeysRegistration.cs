using Microsoft.Extensions.DependencyInjection;

namespace Custos.Platform.Identity.ApiKeys;

public static class ApiKeysRegistration
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddScoped<ApiKeyScopes>();
        services.AddScoped<CreateApiKey>();
        services.AddScoped<ListApiKeys>();
        services.AddScoped<RotateApiKey>();
        services.AddScoped<RevokeApiKey>();
        services.AddScoped<AuthenticateApiKey>();
        return services;
    }
}
