using Custos.Platform;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Custos.Tests.Platform.Persistence;

/// <summary>The mistakes an operator can make in the connection settings, and the one message each must produce.</summary>
public sealed class DatabaseMigratorTests
{
    private const string WrongPassword = "not-the-password-8c1f";

    [Fact]
    public async Task A_SQLite_folder_that_cannot_be_created_is_reported_against_the_connection_string()
    {
        // Tests run as root, for whom no folder is read-only; a regular file where a folder must go fails for anyone.
        var blocker = Path.Combine(Path.GetTempPath(), $"custos-blocker-{TestRun.RandomHex(6)}");
        await File.WriteAllTextAsync(blocker, "a file, not a folder", TestContext.Current.CancellationToken);
        try
        {
            var connectionString = SqliteTestDatabases.ConnectionStringFor(Path.Combine(blocker, "data", "custos.db"));

            var error = await EnsureReachableFailsAsync(DatabaseProvider.Sqlite, connectionString);

            error.Setting.ShouldBe("ConnectionStrings:Custos");
            error.Message.ShouldContain("ConnectionStrings:Custos");
            error.Message.ShouldContain(Path.Combine(blocker, "data"));
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [PostgresFact]
    public async Task A_PostgreSQL_password_the_server_refuses_is_reported_without_the_password()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.RequirePostgres()) { Password = WrongPassword }.ToString();

        var error = await EnsureReachableFailsAsync(DatabaseProvider.Postgres, connectionString);

        error.Setting.ShouldBe("ConnectionStrings:Custos");
        error.Message.ShouldContain("ConnectionStrings:Custos");
        error.Message.ShouldContain("refused the credentials");
        AllMessages(error).ShouldNotContain(WrongPassword);
    }

    [PostgresFact]
    public async Task A_PostgreSQL_database_that_does_not_exist_is_reported_against_the_connection_string()
    {
        var connectionString = PostgresTestDatabases.ConnectionStringFor($"custos_t_missing_{TestRun.RandomHex(4)}");

        var error = await EnsureReachableFailsAsync(DatabaseProvider.Postgres, connectionString);

        error.Setting.ShouldBe("ConnectionStrings:Custos");
        error.Message.ShouldContain("ConnectionStrings:Custos");
        error.Message.ShouldContain("does not exist");
    }

    [Fact]
    public async Task A_PostgreSQL_server_that_does_not_answer_is_reported_without_the_password()
    {
        // Nothing listens on port 1: the connection is refused at once, no server needed.
        var connectionString = $"Host=127.0.0.1;Port=1;Database=custos;Username=custos;Password={WrongPassword};Timeout=2";

        var error = await EnsureReachableFailsAsync(DatabaseProvider.Postgres, connectionString);

        error.Setting.ShouldBe("ConnectionStrings:Custos");
        error.Message.ShouldContain("ConnectionStrings:Custos");
        error.Message.ShouldContain("127.0.0.1:1");
        AllMessages(error).ShouldNotContain(WrongPassword);
    }

    private static async Task<CustosConfigurationException> EnsureReachableFailsAsync(DatabaseProvider provider, string connectionString)
    {
        await using var services = TestDatabase.BuildServices(provider, connectionString, new FakeTimeProvider(TestDatabase.StartTime), new TestActor());
        await using var scope = services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        return await Should.ThrowAsync<CustosConfigurationException>(() => migrator.EnsureReachableAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The message and every inner message: a host may log any of them.</summary>
    private static string AllMessages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(Environment.NewLine, messages);
    }
}
