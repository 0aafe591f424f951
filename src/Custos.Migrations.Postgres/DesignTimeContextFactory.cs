using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Custos.Migrations.Postgres;

/// <summary>Lets dotnet-ef build the model for PostgreSQL without a host; no database is opened to add a migration.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        PersistenceRegistration.Configure(
            options,
            new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=custos_design_time;Username=custos", MigrateOnStartup: false));
        return new AppDbContext(options.Options);
    }
}
