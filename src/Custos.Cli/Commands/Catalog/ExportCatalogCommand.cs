using System.CommandLine;
using System.Text;
using Custos.Cli.Hosting;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Catalog.Oscal;

namespace Custos.Cli.Commands.Catalog;

internal static class ExportCatalogCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        // Shadows the global --format (table|json) on this command: the file format is the only choice here.
        var format = new Option<string>("--format")
        {
            Description = "The file format: oscal (OSCAL 1.1 JSON), the only one so far.",
            HelpName = "oscal",
            DefaultValueFactory = _ => "oscal",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (string.Equals(text, "oscal", StringComparison.OrdinalIgnoreCase))
                {
                    return "oscal";
                }

                result.AddError($"'{text}' is not an export format. Use --format oscal.");
                return "oscal";
            },
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "The file to write (JSON). An existing file is only replaced with --force.",
            HelpName = "file",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var profile = CatalogCommands.ProfileOption(
            "Write an OSCAL profile (base, or base plus a proposal such as nprm-2025) that selects from the catalog, instead " +
            "of the catalog itself.");
        var command = new Command(
            "export",
            "Write the catalog as an OSCAL 1.1 catalog (groups per rule and family; citation, Required/Addressable and " +
            "applicability as props; guidance and typical evidence as parts), or a profile of it with --profile.")
        {
            format,
            output,
            force,
            profile,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = runtime.OutputFor(parseResult);
            var catalog = HipaaCatalog.Load();
            var file = parseResult.GetValue(output)!;
            if (file.Exists && !parseResult.GetValue(force))
            {
                throw new CommandFailedException($"{file.FullName} already exists. Choose another --out file, or add --force to replace it.");
            }

            if (file.Directory is { Exists: false } folder)
            {
                throw new CommandFailedException($"The folder {folder.FullName} does not exist. Create it first or choose another --out file.");
            }

            var profileId = parseResult.GetValue(profile);
            var now = TimeProvider.System.GetUtcNow();
            var json = profileId is null
                ? OscalExporter.ExportCatalog(catalog, now)
                : OscalExporter.ExportProfile(catalog, profileId, now);

            // Written next to the target and moved into place, so that a failure never leaves half a file.
            var temporary = Path.Combine(file.DirectoryName!, $".{file.Name}.{Guid.NewGuid():N}.tmp");
            try
            {
                await File.WriteAllTextAsync(temporary, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
                File.Move(temporary, file.FullName, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                File.Delete(temporary);
                throw new CommandFailedException($"Could not write {file.FullName}: {ex.Message}");
            }

            var what = profileId is null
                ? $"OSCAL catalog with {catalog.Requirements.Count} requirements"
                : $"OSCAL profile '{profileId}' selecting {catalog.ForProfiles([profileId]).Count} requirements from {OscalExporter.CatalogFileName}";
            console.Line($"Wrote the {what} (catalog {catalog.Version}) to {file.FullName}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
