using System.CommandLine;
using System.Globalization;
using Custos.Cli.Commands.Database;
using Custos.Cli.Output;
using Custos.Modules.Safeguards;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Catalog;

/// <summary>`custos catalog upgrade-report`: what the last upgrades of the built-in catalog changed (ADR 0022).</summary>
internal static class UpgradeReportCatalogCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var all = new Option<bool>("--all") { Description = "Every stored report, not only the newest." };
        var command = new Command(
            "upgrade-report",
            "Compare the catalog version this database last saw with the built-in one and print the upgrade report: " +
            "requirements added, changed and withdrawn, and which of them have the organization's implementations or " +
            "evidence. The organization's records are never changed by an upgrade.")
        {
            all,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (console, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, console, cancellationToken);
            var reports = await services.GetRequiredService<GetCatalogUpgradeReports>().HandleAsync(cancellationToken);
            var shown = parseResult.GetValue(all) ? reports : [.. reports.Take(1)];
            var catalog = services.GetRequiredService<Modules.Safeguards.Catalog.RequirementCatalog>();
            console.Write(new { catalogVersion = catalog.Version, reports = shown }, _ =>
            {
                if (shown.Count == 0)
                {
                    console.Line($"Catalog {catalog.Version}: no upgrade recorded since this database first saw the catalog.");
                    return;
                }

                foreach (var report in shown)
                {
                    WriteText(console, report);
                }
            });
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void WriteText(CommandOutput console, CatalogUpgradeReport report)
    {
        console.Heading($"Catalog upgrade {report.FromVersion} -> {report.ToVersion} (detected {report.DetectedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)");
        console.Line(
            $"{DisplayText.Count(report.Added.Count, "requirement", "requirements")} added, {report.Changed.Count} changed, {report.Withdrawn.Count} withdrawn; " +
            $"{DisplayText.Count(report.NeedsReview, "changed or withdrawn requirement has", "changed or withdrawn requirements have")} the organization's implementations or evidence.");
        var table = new TextTable("CHANGE", "KEY", "TITLE", "WHAT", "IMPLEMENTED", "EVIDENCE");
        foreach (var (change, entries) in new[] { ("added", report.Added), ("changed", report.Changed), ("withdrawn", report.Withdrawn) })
        {
            foreach (var entry in entries)
            {
                var what = entry.PreviousTitle is { } previous ? $"was '{previous}'" + (entry.Changes.Count > 1 ? "; " : string.Empty) : string.Empty;
                what += string.Join(", ", entry.Changes.Where(c => entry.PreviousTitle is null || c != "title"));
                table.AddRow(change, entry.Key, entry.Title, what.Length == 0 ? "-" : what, entry.HasImplementation ? "yes" : "no", entry.EvidenceCount.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (report.Added.Count + report.Changed.Count + report.Withdrawn.Count > 0)
        {
            console.Line();
            console.Table(table);
        }

        console.Line("Withdrawn requirements keep their implementations and evidence as history; nothing was changed or deleted.");
    }
}
