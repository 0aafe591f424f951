using System.CommandLine;
using Custos.Cli.Commands.Database;
using Custos.Cli.Output;
using Custos.Modules.Evidence;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Evidence;

internal static class EvidenceCommands
{
    public static Command Create(CommandRuntime runtime) => new("evidence", "The evidence repository: files, links and notes that prove each HIPAA requirement is met.")
    {
        CreateVerify(runtime),
    };

    /// <summary>`custos evidence verify`: re-hash every stored evidence file; exit 1 when any is missing or altered.</summary>
    private static Command CreateVerify(CommandRuntime runtime)
    {
        var command = new Command(
            "verify",
            "Decrypt and re-hash every stored evidence file against its SHA-256. A missing or altered file raises a finding, " +
            "notifies the Security Officer in the app, and makes the command exit with 1.");
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (console, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, console, cancellationToken);
            var report = await services.GetRequiredService<VerifyEvidenceIntegrity>().HandleAsync(cancellationToken);
            console.Write(report, r =>
            {
                console.Line($"Checked {r.FilesChecked} stored evidence file(s): {r.Intact} intact, {r.Problems.Count} with problems.");
                if (r.Problems.Count > 0)
                {
                    var table = new TextTable("SHA-256", "RESULT", "DETAIL", "EVIDENCE");
                    foreach (var p in r.Problems)
                    {
                        table.AddRow(p.FileSha256[..16] + "…", p.Result, p.Detail, string.Join(' ', p.EvidenceIds));
                    }

                    console.Table(table);
                    console.Line("Restore the files folder (Custos:Files:Path) from a backup, then run `custos evidence verify` again.");
                }
            });
            return report.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }
}
