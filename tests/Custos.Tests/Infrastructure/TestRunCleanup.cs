using Custos.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(TestRunCleanup))]

namespace Custos.Tests.Infrastructure;

/// <summary>At the end of the run, removes the templates and the run's folder that the test databases came from.</summary>
public sealed class TestRunCleanup : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (TestEnvironment.PostgresConfigured)
        {
            await PostgresTestDatabases.DropTemplateAsync();
        }

        SqliteTestDatabases.DeleteRunFolder();
    }
}
