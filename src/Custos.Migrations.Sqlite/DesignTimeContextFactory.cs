using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Custos.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the model for SQLite without a host; no database is opened to add a migration.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        PersistenceRegistration.Configure(options, new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db", MigrateOnStartup: false));
        return new AppDbContext(options.Options);
    }
}
