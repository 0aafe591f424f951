using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Custos.Phi;
using Custos.Phi.Files;

namespace Custos.Cli.Commands.Phi;

/// <summary>
/// custos phi scan PATH...: findings as JSON lines, a table or SARIF; exit 0 when nothing is found, 3 when PHI is
/// found, 1 on error, so that it can gate a CI pipeline ("no PHI in logs or test fixtures").
/// </summary>
internal static class ScanPhiCommand
{
    public const int PhiFound = 3;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CommandRuntime runtime)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or directories to scan (directories are walked).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format")
        {
            Description = "How to print findings: 'jsonl' (one finding per line, the default), 'table' or 'sarif' (SARIF 2.1.0, for code-scanning tools).",
            HelpName = "jsonl|table|sarif",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "table", "sarif");
        var types = new Option<string?>("--types") { Description = "Only these types, comma-separated (NAME,SSN,...).", HelpName = "T,..." };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Drop findings below this confidence (0 to 1; default 0.5).", DefaultValueFactory = _ => 0.5 };
        var showValues = new Option<bool>("--show-values") { Description = "Print the identifiers themselves (masked with '*' unless given: the output itself would be PHI)." };

        var command = new Command(
            "scan",
            "Find PHI in files and directories. Prints each finding with its path, start and end (UTF-16 offsets into the " +
            "decoded text, end exclusive), type, confidence and detector, and a summary on stderr. Binary files are skipped. " +
            "Exit code 0: nothing found; 3: PHI found; 1: a file could not be read.")
        {
            paths, format, types, minConfidence, showValues,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var typeSet = ParseTypes(parseResult.GetValue(types));
            var confidence = parseResult.GetValue(minConfidence);
            if (confidence is < 0 or > 1)
            {
                throw new Hosting.CommandFailedException("--min-confidence must be between 0 and 1.");
            }

            var scanner = new PhiScanner(new PhiScanOptions { Types = typeSet, MinConfidence = confidence });
            var show = parseResult.GetValue(showValues);
            var output = parseResult.GetValue(format)!;
            var stopwatch = Stopwatch.StartNew();
            var summary = new Summary();
            var sarifResults = new List<(string Path, PhiFinding Finding, string Value)>();
            if (output == "table")
            {
                stdout.WriteLine($"{"PATH",-40} {"TYPE",-15} {"SPAN",-15} {"CONF",4} {"DETECTOR",-22} VALUE");
            }

            foreach (var result in PhiFileScanner.ScanFiles(PhiFileScanner.Expand(parseResult.GetValue(paths)!), scanner, cancellationToken))
            {
                summary.Add(result);
                if (result.Skipped is not null)
                {
                    stderr.WriteLine($"skipped {result.Path}: {result.Skipped}");
                    continue;
                }

                if (result.Error is not null)
                {
                    stderr.WriteLine($"error: {result.Path}: {result.Error}");
                    continue;
                }

                if (result.Findings.Count == 0)
                {
                    continue;
                }

                var text = show ? ReadText(result.Path) : null;
                foreach (var finding in result.Findings)
                {
                    var value = text is null ? new string('*', finding.Length) : text.Substring(finding.Start, finding.Length);
                    switch (output)
                    {
                        case "table":
                            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Fit(result.Path, 40),-40} {PhiTypes.Name(finding.Type),-15} {$"{finding.Start}-{finding.End}",-15} {finding.Confidence,4:0.00} {finding.Detector,-22} {OneLine(value)}"));
                            break;
                        case "sarif":
                            sarifResults.Add((result.Path, finding, value));
                            break;
                        default:
                            stdout.WriteLine(JsonLine(result.Path, finding, show ? value : null));
                            break;
                    }
                }
            }

            if (output == "sarif")
            {
                stdout.WriteLine(Sarif(sarifResults, show));
            }

            stderr.WriteLine(summary.Describe(stopwatch.Elapsed));
            return Task.FromResult(summary.Errors > 0 ? ExitCodes.Failure : summary.Findings > 0 ? PhiFound : ExitCodes.Success);
        });
        return command;
    }

    private static HashSet<PhiType>? ParseTypes(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var set = new HashSet<PhiType>();
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!PhiTypes.TryParse(name, out var type))
            {
                throw new Hosting.CommandFailedException(
                    $"--types: '{name}' is not a PHI type. Use any of {string.Join(", ", PhiTypes.All.Select(PhiTypes.Name))}.");
            }

            set.Add(type);
        }

        return set;
    }

    private static string ReadText(string path)
    {
        var text = File.ReadAllText(path, new UTF8Encoding(false, true));
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static string JsonLine(string path, PhiFinding finding, string? value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("path", path);
            json.WriteNumber("start", finding.Start);
            json.WriteNumber("end", finding.End);
            json.WriteString("type", PhiTypes.Name(finding.Type));
            json.WriteNumber("confidence", Math.Round(finding.Confidence, 2));
            json.WriteString("detector", finding.Detector);
            if (value is not null)
            {
                json.WriteString("value", value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Sarif(List<(string Path, PhiFinding Finding, string Value)> results, bool show)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "custos-phi");
            json.WriteString("informationUri", "https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html");
            json.WriteStartArray("rules");
            foreach (var type in PhiTypes.All)
            {
                json.WriteStartObject();
                json.WriteString("id", "PHI/" + PhiTypes.Name(type));
                json.WriteStartObject("shortDescription");
                json.WriteString("text", $"{PhiTypes.Name(type)}: a Safe Harbor identifier ({Custos.Phi.SafeHarbor.SafeHarborCatalog.Get(PhiTypes.Category(type)).Citation})");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            foreach (var (path, finding, value) in results)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", "PHI/" + PhiTypes.Name(finding.Type));
                json.WriteString("level", "error");
                json.WriteStartObject("message");
                json.WriteString("text", string.Create(CultureInfo.InvariantCulture, $"{PhiTypes.Name(finding.Type)} found (confidence {finding.Confidence:0.00}, detector {finding.Detector}){(show ? ": " + OneLine(value) : string.Empty)}"));
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", path.Replace('\\', '/'));
                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("charOffset", finding.Start);
                json.WriteNumber("charLength", finding.Length);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : "…" + text[^(width - 1)..];

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private sealed class Summary
    {
        private readonly SortedDictionary<string, int> _byType = new(StringComparer.Ordinal);

        public int Files { get; private set; }

        public int Skipped { get; private set; }

        public int Errors { get; private set; }

        public int Findings { get; private set; }

        public int FilesWithFindings { get; private set; }

        public long Characters { get; private set; }

        public void Add(FileScanResult result)
        {
            Files++;
            Skipped += result.Skipped is null ? 0 : 1;
            Errors += result.Error is null ? 0 : 1;
            Characters += result.Characters;
            Findings += result.Findings.Count;
            FilesWithFindings += result.Findings.Count > 0 ? 1 : 0;
            foreach (var finding in result.Findings)
            {
                var name = PhiTypes.Name(finding.Type);
                _byType[name] = _byType.GetValueOrDefault(name) + 1;
            }
        }

        public string Describe(TimeSpan elapsed)
        {
            var types = _byType.Count == 0 ? string.Empty : " (" + string.Join(", ", _byType.Select(p => $"{p.Key} {p.Value}")) + ")";
            return string.Create(
                CultureInfo.InvariantCulture,
                $"Scanned {Files - Skipped - Errors} of {Files} files ({Characters:N0} characters) in {elapsed.TotalSeconds:0.00} s: {Findings} findings in {FilesWithFindings} files{types}; {Skipped} skipped as binary, {Errors} could not be read.");
        }
    }
}
