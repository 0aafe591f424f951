namespace Custos.Tests.Infrastructure;

/// <summary>What the machine running the tests offers; CI sets every variable, a laptop may set none.</summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "CUSTOS_TEST_POSTGRES";

    /// <summary>
    /// A connection string for a role that may create databases (CREATEDB); each test gets its own database,
    /// created from a per-run template and dropped afterwards. Null when the variable is unset.
    /// </summary>
    public static string? PostgresConnectionString { get; } =
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool PostgresConfigured => PostgresConnectionString is not null;

    /// <summary>The skip reason for PostgreSQL tests, or null when they can run.</summary>
    public static string? PostgresSkipReason => PostgresConfigured
        ? null
        : $"PostgreSQL is not configured: set {PostgresVariable} to a connection string whose role has CREATEDB " +
          "(bash eng/start-postgres.sh starts a local server and prints one).";

    public static string RequirePostgres() =>
        PostgresConnectionString ?? throw new InvalidOperationException(PostgresSkipReason);
}
