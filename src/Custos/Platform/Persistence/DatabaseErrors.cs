using Microsoft.Data.Sqlite;
using Npgsql;

namespace Custos.Platform.Persistence;

/// <summary>Provider-specific error codes, kept here so modules never see provider types.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// True when a write failed because a unique index or primary key already holds the value: from SaveChanges
    /// (a <c>DbUpdateException</c>) or from ExecuteUpdate/ExecuteDelete (the provider's own exception).
    /// </summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.GetBaseException() switch
        {
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
                && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
            _ => false,
        };
    }
}
