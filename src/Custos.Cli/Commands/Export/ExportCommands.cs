using System.CommandLine;
using System.Globalization;
using Custos.Cli.Commands.Database;
using Custos.Cli.Hosting;
using Custos.Modules.Safeguards;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Export;

internal static class ExportCommands
{
    public static Command Create(CommandRuntime runtime) => new("export", "Packets for auditors.")
    {
        CreateAuditPacket(runtime),
    };

    /// <summary>`custos export audit-packet --as-of YYYY-MM-DD --out FILE.zip`.</summary>
    private static Command CreateAuditPacket(CommandRuntime runtime)
    {
        var asOf = new Option<string>("--as-of")
        {
            Description = "The date (UTC, YYYY-MM-DD) the register and evidence are shown as of; today when omitted.",
            HelpName = "YYYY-MM-DD",
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "The zip file to write; it must not exist yet.",
            HelpName = "FILE.zip",
            Required = true,
        };
        var command = new Command(
            "audit-packet",
            "Write the auditor packet: the requirement register with statuses and 164.306(d)(3) decisions as of the date, the evidence " +
            "files in force then, a printable HTML summary and a manifest with the SHA-256 of every file. The same data and date give " +
            "a byte-identical zip.")
        {
            asOf,
            output,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (console, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, console, cancellationToken);
            var text = parseResult.GetValue(asOf);
            var time = services.GetRequiredService<TimeProvider>();
            DateOnly date;
            if (string.IsNullOrWhiteSpace(text))
            {
                date = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            }
            else if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                throw new CommandFailedException($"--as-of '{text}' is not a date; write it as YYYY-MM-DD, for example 2026-06-30.");
            }

            if (date > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
            {
                throw new CommandFailedException($"--as-of {date:yyyy-MM-dd} is in the future; choose today or an earlier date.");
            }

            var file = parseResult.GetValue(output)!;
            if (file.Exists)
            {
                throw new CommandFailedException($"{file.FullName} already exists; choose a new file name so no packet is overwritten.");
            }

            AuditPacketResult result;
            try
            {
                await using var stream = new FileStream(file.FullName, FileMode.CreateNew, FileAccess.ReadWrite);
                result = await services.GetRequiredService<BuildAuditPacket>().HandleAsync(date, stream, cancellationToken);
            }
            catch (Exception ex) when (ex is not CommandFailedException and not OperationCanceledException)
            {
                File.Delete(file.FullName);
                throw;
            }

            console.Write(result, r => console.Line(
                $"Wrote {file.FullName}: {r.Requirements} requirements as of {r.AsOf:yyyy-MM-dd}, {r.EvidenceFiles} evidence file(s), " +
                $"{r.Files} entries. manifest.json SHA-256 {r.ManifestSha256}."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
