using System.CommandLine;
using System.CommandLine.Help;
using Custos.Cli.Commands;
using Custos.Cli.Commands.Audit;
using Custos.Cli.Commands.Breach;
using Custos.Cli.Commands.Crypto;
using Custos.Cli.Commands.Database;
using Custos.Cli.Commands.Demo;
using Custos.Cli.Commands.Evidence;
using Custos.Cli.Commands.Export;
using Custos.Cli.Commands.Keys;
using Custos.Cli.Commands.Organization;
using Custos.Cli.Commands.Phi;
using Custos.Cli.Commands.Users;
using Custos.Cli.Commands.Version;
using Custos.Cli.Hosting;
using Custos.Cli.Output;
using Custos.Platform;
using Custos.Platform.Validation;

namespace Custos.Cli;

/// <summary>
/// The `custos` command. Exit codes: 0 success, 1 failure (reported as one line on stderr, never a stack trace),
/// 2 usage error. Runs in-process with the given writers, so tests see exactly what a terminal would.
/// </summary>
public static class CustosCli
{
    public const string Name = "custos";

    public static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IDictionary<string, string?>? configurationOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        try
        {
            var runtime = new CommandRuntime(stdout, stderr, configurationOverrides);
            var parseResult = CreateRootCommand(runtime).Parse(args);

            // --help clears parse errors; anything else with errors is a usage error.
            if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction)
            {
                foreach (var error in parseResult.Errors)
                {
                    await stderr.WriteLineAsync($"error: {error.Message}");
                }

                await stderr.WriteLineAsync($"Run '{CommandPath(parseResult)} --help' to see the commands and options it accepts.");
                return ExitCodes.Usage;
            }

            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return await parseResult.InvokeAsync(invocation);
        }
        catch (Exception ex) when (ex is CustosConfigurationException or CommandFailedException or InvalidRequestException or RecordNotFoundException)
        {
            // The message names the setting or rule and what to do; a stack trace would only hide it.
            await stderr.WriteLineAsync(OneLine(ex.Message));
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("Cancelled.");
            return ExitCodes.Failure;
        }
#pragma warning disable CA1031 // The last resort of a command-line tool: one readable line and a failing exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var innermost = ex.GetBaseException();
            var detail = ReferenceEquals(innermost, ex) ? string.Empty : $" ({innermost.GetType().Name}: {OneLine(innermost.Message)})";
            await stderr.WriteLineAsync($"custos failed: {ex.GetType().Name}: {OneLine(ex.Message)}{detail}");
            return ExitCodes.Failure;
        }
    }

    private static Command CreateRootCommand(CommandRuntime runtime)
    {
        var root = new Command(
            Name,
            "Operate Custos, the HIPAA compliance platform, from a terminal. It reads the same settings as the web host: " +
            "appsettings.json and appsettings.{Environment}.json in the current directory, then environment variables " +
            "such as Database__Provider (Sqlite or Postgres) and ConnectionStrings__Custos.")
        {
            runtime.FormatOption,
            new VersionOption(),
            VersionCommand.Create(runtime),
            DatabaseCommands.Create(runtime),
            OrganizationCommands.Create(runtime),
            DemoCommands.Create(runtime),
            KeysCommands.Create(runtime),
            UsersCommands.Create(runtime),
            CryptoCommands.Create(runtime),
            PhiCommands.Create(runtime),
            AuditCommands.Create(runtime),
            BreachCommands.Create(runtime),
            Commands.Catalog.CatalogCommands.Create(runtime),
            EvidenceCommands.Create(runtime),
            ExportCommands.Create(runtime),
        };
        root.Options.Add(new HelpOption { Action = new HelpAction { MaxWidth = CommandOutput.Width } });
        return root;
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
