using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Persistence;

public sealed class MigrationsTests
{
    [Theory, AllDatabaseProviders]
    public async Task The_model_has_no_changes_that_the_migrations_lack(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateEmptyAsync(provider, TestContext.Current.CancellationToken);

        var pending = await db.QueryAsync((context, _) => Task.FromResult(context.Database.HasPendingModelChanges()));

        pending.ShouldBeFalse($"the model has changed since the last {provider} migration; add one with eng/add-migration.sh");
    }

    [Theory, AllDatabaseProviders]
    public async Task Every_migration_applies_to_an_empty_database_and_none_is_left_pending(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateEmptyAsync(provider, TestContext.Current.CancellationToken);
        await using var scope = db.CreateScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        var known = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetMigrations().ToList();
        var reported = new List<string>();

        var applied = await migrator.MigrateAsync(new SynchronousProgress(reported), TestContext.Current.CancellationToken);

        known.ShouldNotBeEmpty();
        applied.ShouldBe(known);
        reported.ShouldBe(known);
        (await migrator.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
        (await migrator.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBe(known);
    }

    [Theory, AllDatabaseProviders]
    public async Task Migrating_an_up_to_date_database_applies_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var applied = await db.RunAsync<DatabaseMigrator, IReadOnlyList<string>>((migrator, ct) => migrator.MigrateAsync(null, ct));

        applied.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_migrated_SQLite_database_is_in_WAL_mode()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite, TestContext.Current.CancellationToken);

        await db.RunAsync<DatabaseMigrator>((migrator, ct) => migrator.MigrateAsync(null, ct));

        await using var connection = new SqliteConnection(db.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        var mode = (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        mode.ShouldBe("wal");
    }

    /// <summary><see cref="Progress{T}"/> reports on the thread pool, later; this reports at once, in order.</summary>
    private sealed class SynchronousProgress(List<string> reported) : IProgress<string>
    {
        public void Report(string value) => reported.Add(value);
    }
}
