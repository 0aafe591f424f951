using Custos.Platform.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custos.Platform.Crypto;

public static class CryptoRegistration
{
    /// <summary>
    /// Field encryption for every property declared sensitive. The default key-encryption key comes from
    /// configuration or a key file (<see cref="LocalKeyEncryptionKey"/>); register another
    /// <see cref="IKeyEncryptionKeyProvider"/> first (a cloud KMS) and it is used instead.
    /// </summary>
    public static IServiceCollection AddCustosCrypto(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(provider => CryptoSettings.FromConfiguration(configuration, provider.GetRequiredService<DatabaseSettings>()));
        services.TryAddSingleton<IKeyEncryptionKeyProvider>(provider => new LocalKeyEncryptionKey(provider.GetRequiredService<CryptoSettings>()));
        services.AddSingleton<DataKeyRing>();
        services.AddSingleton(provider => new SensitiveFieldCipher(provider.GetRequiredService<DataKeyRing>()));
        services.AddSingleton<SensitiveDataSaveInterceptor>();
        services.AddSingleton(provider => new BlindIndex(provider.GetRequiredService<DataKeyRing>()));
        services.AddSingleton(provider => new KeyEncryptionKeyWrapper(provider.GetRequiredService<DataKeyRing>(), provider.GetRequiredService<IKeyEncryptionKeyProvider>()));
        services.AddScoped<DataProtectionKeyStore>();
        services.AddScoped(provider => new RotateDataKeys(
            provider.GetRequiredService<AppDbContext>(),
            provider.GetRequiredService<DataKeyRing>(),
            provider.GetRequiredService<SensitiveFieldCipher>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddScoped(provider => new GetEncryptionStatus(provider.GetRequiredService<AppDbContext>(), provider.GetRequiredService<DataKeyRing>()));
        services.AddScoped(provider => new KeyRingCheck(provider.GetRequiredService<DatabaseMigrator>(), provider.GetRequiredService<DataKeyRing>()));
        services.ConfigureDbContext<AppDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SensitiveDataSaveInterceptor>()));
        return services;
    }
}
