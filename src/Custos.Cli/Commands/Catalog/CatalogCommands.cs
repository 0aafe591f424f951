using System.CommandLine;

namespace Custos.Cli.Commands.Catalog;

internal static class CatalogCommands
{
    public static Command Create(CommandRuntime runtime) => new(
        "catalog",
        "The HIPAA requirement catalog shipped with Custos: list the requirements with their status (list), write them as " +
        "OSCAL (export), import another framework's OSCAL catalog as custom requirements (import), and report what a " +
        "catalog upgrade changed (upgrade-report).")
    {
        ListCatalogCommand.Create(runtime),
        ExportCatalogCommand.Create(runtime),
        ImportCatalogCommand.Create(runtime),
        UpgradeReportCatalogCommand.Create(runtime),
    };

    /// <summary>--profile: a profile of the shipped catalog to add to the base requirements.</summary>
    internal static Option<string?> ProfileOption(string description)
    {
        var catalog = Modules.Safeguards.Catalog.HipaaCatalog.Load();
        var option = new Option<string?>("--profile")
        {
            Description = description,
            HelpName = string.Join('|', catalog.Profiles.Select(p => p.Id)),
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (catalog.FindProfile(text) is not null)
                {
                    return text;
                }

                result.AddError($"'{text}' is not a profile of catalog {catalog.Version}. Use one of: {string.Join(", ", catalog.Profiles.Select(p => p.Id))}.");
                return null;
            },
        };
        option.CompletionSources.Add([.. catalog.Profiles.Select(p => p.Id)]);
        return option;
    }
}
