using System.CommandLine;
using System.Text;
using Custos.Cli.Commands.Database;
using Custos.Cli.Hosting;
using Custos.Cli.Output;
using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Catalog.Oscal;
using Custos.Platform.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Catalog;

internal static class ImportCatalogCommand
{
    /// <summary>Larger than the full NIST SP 800-53 catalog in OSCAL JSON (about 10 MB).</summary>
    public const long MaximumFileBytes = 32L * 1024 * 1024;

    public static Command Create(CommandRuntime runtime)
    {
        var file = new Argument<FileInfo>("file") { Description = "An OSCAL 1.x catalog or profile in JSON." };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Validate the document and report what it holds; store nothing (no database needed).",
        };
        var command = new Command(
            "import",
            "Import an OSCAL catalog: controls of other frameworks (NIST SP 800-53, SOC 2) are stored as custom " +
            "requirements, mapped to HIPAA by a 'hipaa-citation' prop or a 'maps-to' link. All or nothing: every error is " +
            "reported with its JSON path, and a document with any error (or a control already imported) stores nothing.")
        {
            file,
            dryRun,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = runtime.OutputFor(parseResult);
            var path = parseResult.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CommandFailedException($"{path.FullName} does not exist.");
            }

            if (path.Length > MaximumFileBytes)
            {
                throw new CommandFailedException($"{path.FullName} is {path.Length:N0} bytes; an OSCAL import is at most {MaximumFileBytes:N0} bytes.");
            }

            string json;
            try
            {
                json = await File.ReadAllTextAsync(path.FullName, new UTF8Encoding(false, throwOnInvalidBytes: true), cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                throw new CommandFailedException($"{path.FullName} is not UTF-8 text; OSCAL JSON is UTF-8.");
            }

            var catalog = HipaaCatalog.Load();
            var result = OscalImporter.Import(json, catalog);
            var report = ImportReport.From(path.FullName, catalog.Version, result);
            if (!result.Succeeded)
            {
                output.Write(report, r => WriteText(output, r));
                if (!output.IsJson)
                {
                    foreach (var error in result.Errors)
                    {
                        output.Notice(error.ToString());
                    }
                }

                throw new CommandFailedException(
                    $"{path.Name} is not importable: {DisplayText.Count(result.Errors.Count, "error", "errors")}. Nothing was stored.");
            }

            if (parseResult.GetValue(dryRun))
            {
                output.Write(report, r => WriteText(output, r));
                if (!output.IsJson)
                {
                    output.Line("Dry run: nothing was stored.");
                }

                return ExitCodes.Success;
            }

            return await runtime.RunWithServicesAsync(parseResult, async (console, services) =>
            {
                if (!console.IsJson)
                {
                    WriteText(console, report);
                    console.Line();
                }

                var progress = console.Progress(step => step);
                await SchemaGuard.EnsureCurrentAsync(services, console, cancellationToken);
                progress.Report($"Storing {DisplayText.Count(report.CustomRequirements.Count, "custom requirement", "custom requirements")} and their HIPAA mappings in one transaction...");
                CustomRequirementImport stored;
                try
                {
                    stored = await services.GetRequiredService<ImportCustomRequirements>().HandleAsync(json, cancellationToken);
                }
                catch (InvalidRequestException invalid)
                {
                    foreach (var message in invalid.Errors.SelectMany(e => e.Value))
                    {
                        console.Notice(message);
                    }

                    throw new CommandFailedException($"{path.Name} was not imported: {invalid.Errors.SelectMany(e => e.Value).First()} Nothing was stored.");
                }

                var done = report with { Stored = new StoredImport([.. stored.Added.Select(a => a.Key)], stored.Mappings) };
                console.Write(done, r => console.Line(
                    $"Stored {DisplayText.Count(r.Stored!.Keys.Count, "custom requirement", "custom requirements")} " +
                    $"({string.Join(", ", r.Stored.Keys)}) with {DisplayText.Count(r.Stored.Mappings, "mapping", "mappings")} to HIPAA requirements."));
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static void WriteText(CommandOutput output, ImportReport report)
    {
        if (!report.Valid)
        {
            output.Line($"{report.File}: not a valid OSCAL catalog or profile for Custos.");
            return;
        }

        output.Line($"{report.File}: valid OSCAL {report.OscalVersion} {report.DocumentType} '{report.Title}' (version {report.Version ?? "-"}).");
        if (report.DocumentType == "profile")
        {
            output.Line($"Selects {DisplayText.Count(report.SelectedKeys.Count, "requirement", "requirements")} of catalog {report.CatalogVersion}.");
            return;
        }

        output.Line(
            $"{DisplayText.Count(report.CatalogRequirementCount, "requirement", "requirements")} of the Custos catalog (recognised, never changed by an import); " +
            $"{DisplayText.Count(report.CustomRequirements.Count, "custom requirement", "custom requirements")}, " +
            $"{report.CustomRequirements.Count(c => c.MapsTo.Count > 0)} of them mapped to HIPAA.");
        if (report.CustomRequirements.Count > 0)
        {
            output.Line();
            var table = new TextTable("KEY", "TITLE", "MAPS TO");
            foreach (var custom in report.CustomRequirements)
            {
                table.AddRow(custom.Key, custom.Title, custom.MapsTo.Count == 0 ? "-" : string.Join(", ", custom.MapsTo));
            }

            output.Table(table);
        }
    }
}

/// <summary>What an import stored: the new custom requirement keys and how many maps-to links.</summary>
internal sealed record StoredImport(IReadOnlyList<string> Keys, int Mappings);

/// <param name="DocumentType">catalog or profile; null when invalid.</param>
/// <param name="Stored">What was stored; null for a dry run.</param>
/// <param name="SelectedKeys">A profile's selection (empty for a catalog).</param>
internal sealed record ImportReport(
    string File,
    string CatalogVersion,
    bool Valid,
    string? DocumentType,
    string? Title,
    string? Version,
    string? OscalVersion,
    int CatalogRequirementCount,
    IReadOnlyList<CustomRequirementDefinition> CustomRequirements,
    IReadOnlyList<string> SelectedKeys,
    IReadOnlyList<OscalImportError> Errors,
    StoredImport? Stored = null)
{
    public static ImportReport From(string file, string catalogVersion, OscalImportResult result)
    {
        var document = result.Document;
        return new ImportReport(
            file,
            catalogVersion,
            result.Succeeded,
            document is null ? null : document.DocumentType == OscalDocumentType.Catalog ? "catalog" : "profile",
            document?.Title,
            document?.Version,
            document?.OscalVersion,
            document?.CatalogRequirements.Count ?? 0,
            document?.CustomRequirements ?? [],
            document?.DocumentType == OscalDocumentType.Profile ? document.SelectedKeys : [],
            result.Errors);
    }
}
