using System.CommandLine;
using System.Data.Common;
using System.Net.Sockets;
using Custos.Cli.Hosting;
using Custos.Cli.Output;
using Custos.Platform;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands;

/// <summary>What every command shares: where output goes, the global --format option, and the core services.</summary>
internal sealed class CommandRuntime(TextWriter stdout, TextWriter stderr, IDictionary<string, string?>? configurationOverrides)
{
    public Option<OutputFormat> FormatOption { get; } = OutputFormatOption.Create();

    public CommandOutput OutputFor(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new CommandOutput(stdout, stderr, parseResult.GetValue(FormatOption));
    }

    /// <summary>
    /// Reads configuration and builds the core services only for commands that need them, so that `custos version`
    /// and `--help` work whatever the configuration.
    /// </summary>
    public async Task<int> RunWithServicesAsync(
        ParseResult parseResult,
        Func<CommandOutput, IServiceProvider, Task<int>> body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var output = OutputFor(parseResult);
        var configuration = CliHost.BuildConfiguration(configurationOverrides);
        await using var services = CliHost.BuildServices(configuration, stderr);
        await using var scope = services.CreateAsyncScope();

        // Settings are read when first resolved; resolving them now reports a bad setting before any work starts.
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await body(output, scope.ServiceProvider);
        }
        catch (RetryLimitExceededException ex) when (ex.GetBaseException() is DbException or SocketException or TimeoutException)
        {
            // PostgreSQL's retrying execution strategy wraps the connection failure, so DatabaseMigrator's own
            // translation does not see it; give the operator the same one-line message naming the setting.
            throw new CustosConfigurationException(
                DatabaseSettings.ConnectionStringKey,
                $"cannot open the {settings.DescribeTarget()}: {ex.GetBaseException().Message.ReplaceLineEndings(" ")} (gave up after retrying).",
                ex);
        }
    }
}
