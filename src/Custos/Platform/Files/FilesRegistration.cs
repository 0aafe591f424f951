using Custos.Platform.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custos.Platform.Files;

public static class FilesRegistration
{
    /// <summary>The Files capability: <see cref="FileStore"/> over the folder <see cref="FilesSettings"/> names.</summary>
    public static IServiceCollection AddCustosFiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(provider => FilesSettings.FromConfiguration(configuration, provider.GetRequiredService<DatabaseSettings>()));
        services.AddScoped(provider => new FileStore(
            provider.GetRequiredService<AppDbContext>(),
            provider.GetRequiredService<FilesSettings>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
