using System.Runtime.CompilerServices;

namespace Custos.Tests.Infrastructure;

/// <summary>A fact that needs a PostgreSQL server; skipped, with the reason, when none is configured.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Skip = TestEnvironment.PostgresSkipReason;
    }
}
