using System.Reflection;
using Custos.Platform.Persistence;
using Xunit.Sdk;
using Xunit.v3;

namespace Custos.Tests.Infrastructure;

/// <summary>
/// Runs a theory once per database provider Custos supports, passing the <see cref="DatabaseProvider"/>.
/// A provider this machine has not configured yields a skipped row with the reason, so it shows in the results
/// as skipped and is never counted as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllDatabaseProvidersAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        IReadOnlyCollection<ITheoryDataRow> rows = Enum.GetValues<DatabaseProvider>()
            .Select(provider => (ITheoryDataRow)new TheoryDataRow<DatabaseProvider>(provider) { Skip = SkipReason(provider) })
            .ToList();
        return ValueTask.FromResult(rows);
    }

    // Rows are known at discovery, so each provider is its own test case in the runner and the report.
    public override bool SupportsDiscoveryEnumeration() => true;

    // Exhaustive on purpose (CS8509 is an error): a new provider does not compile until it says how it is configured.
    private static string? SkipReason(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => null,
        DatabaseProvider.Postgres => TestEnvironment.PostgresSkipReason,
    };
}
