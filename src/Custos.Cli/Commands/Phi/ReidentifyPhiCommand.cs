using System.CommandLine;
using Custos.Cli.Commands.Database;
using Custos.Cli.Output;
using Custos.Modules.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Phi;

/// <summary>custos phi reidentify: codes back to values through Custos, with a stated purpose and a ledger entry per code.</summary>
internal static class ReidentifyPhiCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var codes = new Argument<string[]>("CODE") { Description = "Re-identification codes as they appear in the pseudonymized data (NAME-7KQ2M9XW4HTR ...).", Arity = ArgumentArity.OneOrMore };
        var purpose = new Option<string>("--purpose")
        {
            Description = $"Why these codes must be re-identified ({ReidentifyRecords.MinimumPurposeLength} characters or more): recorded in the audit ledger as the reason (45 CFR 164.514(c)).",
            Required = true,
        };
        var command = new Command(
            "reidentify",
            "Re-identify pseudonymization codes that 'custos phi pseudonymize --record-codes' recorded in Custos. Needs the " +
            "phi.reidentify duty, a stated purpose, and writes one audit-ledger entry per code. Prints the values: PHI.")
        {
            codes,
            purpose,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var handler = services.GetRequiredService<ReidentifyRecords>();
            var result = await handler.HandleAsync(new ReidentifyRecordsCommand(parseResult.GetValue(codes)!, parseResult.GetValue(purpose)!), cancellationToken);
            output.Write(result, items =>
            {
                var table = new TextTable("CODE", "TYPE", "VALUE");
                foreach (var item in items)
                {
                    table.AddRow(item.Code, item.Type ?? "-", item.Value ?? "(not recorded in Custos)");
                }

                output.Table(table);
            });
            return result.All(r => r.Found) ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }
}
