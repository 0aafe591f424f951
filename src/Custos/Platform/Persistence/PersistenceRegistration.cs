using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custos.Platform.Persistence;

public static class PersistenceRegistration
{
    public const string SqliteMigrationsAssembly = "Custos.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Custos.Migrations.Postgres";

    public static IServiceCollection AddCustosPersistence(this IServiceCollection services, Func<IServiceProvider, DatabaseSettings> settings)
    {
        services.TryAddSingleton(settings);
        services.AddDbContext<AppDbContext>((provider, options) => Configure(options, provider.GetRequiredService<DatabaseSettings>()));
        services.AddScoped<DatabaseMigrator>();
        return services;
    }

    /// <summary>Provider choice in one place; the migrations live in one assembly per provider.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(settings.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                options.AddInterceptors(SqliteConnectionPragmas.For(settings.SqliteSynchronous));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(settings.ConnectionString, npgsql => npgsql
                    .MigrationsAssembly(PostgresMigrationsAssembly)
                    .EnableRetryOnFailure(maxRetryCount: 3));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown database provider.");
        }

        // snake_case tables and columns on both providers: what PostgreSQL operators expect, and harmless on SQLite.
        options.UseSnakeCaseNamingConvention();
        options.ReplaceService<IModelCacheKeyFactory, ProviderAwareModelCacheKeyFactory>();
    }
}
