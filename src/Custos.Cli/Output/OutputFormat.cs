using System.CommandLine;

namespace Custos.Cli.Output;

public enum OutputFormat
{
    Table,
    Json,
}

internal static class OutputFormatOption
{
    public static Option<OutputFormat> Create()
    {
        var option = new Option<OutputFormat>("--format")
        {
            Description = "How to print results: 'table' (the default, for people) or 'json' (stable, camelCase, for scripts).",
            HelpName = "table|json",
            Recursive = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (string.Equals(text, "table", StringComparison.OrdinalIgnoreCase))
                {
                    return OutputFormat.Table;
                }

                if (string.Equals(text, "json", StringComparison.OrdinalIgnoreCase))
                {
                    return OutputFormat.Json;
                }

                result.AddError($"'{text}' is not an output format. Use --format table or --format json.");
                return OutputFormat.Table;
            },
        };
        option.CompletionSources.Add("table", "json");
        return option;
    }
}
