using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Custos.Cli.Commands.Database;
using Custos.Cli.Hosting;
using Custos.Modules.Privacy;
using Custos.Phi.Deidentification;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Phi;

/// <summary>custos phi deidentify and custos phi pseudonymize: structured de-identification of CSV, JSON and FHIR files.</summary>
internal static class DeidentifyPhiCommand
{
    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true };

    public static Command Create(bool pseudonymize, CommandRuntime runtime)
    {
        var recordCodes = new Option<bool>("--record-codes")
        {
            Description = "Record every code issued and the value it replaces in the Custos database (encrypted at rest), so that an authorized " +
                "person can re-identify with 'custos phi reidentify' and a stated purpose (45 CFR 164.514(c)). Needs the database settings.",
        };
        var input = new Argument<string>("IN") { Description = "A CSV, JSON or FHIR JSON file, or a directory of them." };
        var output = new Option<string>("--out") { Description = "Where to write: a file, or a directory when IN is one. Never overwritten in place: written to a temporary file, then moved.", Required = true };
        var format = new Option<string?>("--format") { Description = "Input format: csv, json, fhir or ndjson (one JSON document per line, FHIR bulk data when the lines have a resourceType; default: from the extension; .json files with a resourceType are FHIR).", HelpName = "csv|json|fhir|ndjson" };
        format.AcceptOnlyFromAmong("csv", "json", "fhir", "ndjson");
        var rules = new Option<string?>("--rules") { Description = "A JSON file of rules by column or property name: {\"notes\": \"FreeText\", \"mrn\": \"Pseudonym\"}. Rules: FreeText, Keep, Redact, Date, BirthDate, Age, Zip, Pseudonym." };
        var freeText = new Option<string>("--free-text") { Description = "How free text is cleaned: 'redact' ([NAME]) or 'surrogate' ([NAME-1], the same for the same value).", DefaultValueFactory = _ => "redact" };
        freeText.AcceptOnlyFromAmong("redact", "surrogate");
        var shiftDays = new Option<int?>("--date-shift-days") { Description = "NOT Safe Harbor: shift dates by this many days instead of keeping only the year (limited data set or expert determination only)." };
        var keyFile = new Option<string?>("--key-file") { Description = "The pseudonymization key (base64, 32 bytes or more). Keep it apart from the data: never in the output directory.", Required = pseudonymize };
        var newKey = new Option<bool>("--new-key") { Description = "Create the key file (refused if it exists)." };
        var report = new Option<string?>("--report") { Description = "Also write the change report (counts only, no PHI) as JSON to this file." };

        var command = pseudonymize
            ? new Command("pseudonymize", "Replace identifiers with keyed HMAC-SHA256 re-identification codes (45 CFR 164.514(c)) and de-identify the rest by Safe Harbor. The same key and value always give the same code; without the key nothing can be reversed.")
            : new Command("deidentify", "De-identify a CSV, JSON or FHIR R4 data set by the Safe Harbor method (45 CFR 164.514(b)(2)): identifiers removed, dates to year, ages over 89 to '90 or older', ZIP codes to three digits (000 for small areas), free text redacted. Prints a change report without PHI.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(rules);
        command.Options.Add(freeText);
        command.Options.Add(report);
        if (pseudonymize)
        {
            command.Options.Add(keyFile);
            command.Options.Add(newKey);
            command.Options.Add(recordCodes);
        }
        else
        {
            command.Options.Add(shiftDays);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            var stdout = parseResult.InvocationConfiguration.Output;
            var inPath = parseResult.GetValue(input)!;
            var outPath = parseResult.GetValue(output)!;
            Pseudonymizer? pseudonymizer = null;
            if (pseudonymize)
            {
                pseudonymizer = LoadKey(parseResult.GetValue(keyFile)!, parseResult.GetValue(newKey), outPath, stderr);
            }

            var issued = new System.Collections.Concurrent.ConcurrentDictionary<string, PseudonymEntry>(StringComparer.Ordinal);
            if (pseudonymizer is not null && parseResult.GetValue(recordCodes))
            {
                pseudonymizer.Issued = code => issued.TryAdd(code.Code, new PseudonymEntry(code.Code, Custos.Phi.PhiTypes.Name(code.Type), code.Value));
            }

            var shift = pseudonymize ? null : parseResult.GetValue(shiftDays);
            var options = new DeidentificationOptions
            {
                Method = shift is null ? DeidentificationMethod.SafeHarbor : DeidentificationMethod.DateShiftNotSafeHarbor,
                DateShiftDays = shift ?? 0,
                Rules = ReadRules(parseResult.GetValue(rules)),
                FreeText = parseResult.GetValue(freeText) == "surrogate" ? FreeTextMode.Surrogate : FreeTextMode.Redact,
                AsOf = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime),
                Pseudonymizer = pseudonymizer,
                PseudonymizeIdentifiers = pseudonymize,
            };
            if (shift is not null)
            {
                stderr.WriteLine("warning: --date-shift-days is NOT Safe Harbor; the result is not de-identified under 164.514(b)(2) (use it for a limited data set under a data use agreement, or with an expert determination).");
            }

            var files = Directory.Exists(inPath)
                ? Directory.EnumerateFiles(inPath, "*", SearchOption.TopDirectoryOnly).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
                : [inPath];
            if (!Directory.Exists(inPath) && !File.Exists(inPath))
            {
                throw new CommandFailedException($"{inPath}: no such file or directory.");
            }

            if (Directory.Exists(inPath))
            {
                Directory.CreateDirectory(outPath);
            }

            var totals = new SortedDictionary<string, int>(StringComparer.Ordinal);
            long records = 0;
            var failures = 0;
            var label = string.Empty;
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = Directory.Exists(inPath) ? Path.Combine(outPath, Path.GetFileName(file)) : outPath;
                var kind = parseResult.GetValue(format) ?? Detect(file);
                try
                {
                    var result = Process(file, target, kind, options, stderr, cancellationToken);
                    records += result.Records;
                    label = result.MethodLabel;
                    foreach (var (k, v) in result.Changes)
                    {
                        totals[k] = totals.GetValueOrDefault(k) + v;
                    }
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    failures++;
                    stderr.WriteLine($"error: {file}: {ex.Message.ReplaceLineEndings(" ")} (nothing written for this file)");
                }
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {records:N0} records in {files.Count - failures} of {files.Count} files; {totals.Values.Sum():N0} changes."));
            foreach (var (kind, count) in totals)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-36} {count,10:N0}"));
            }

            if (parseResult.GetValue(report) is { } reportPath)
            {
                File.WriteAllText(reportPath, JsonSerializer.Serialize(new { method = label, records, changes = totals }, ReportJson));
            }

            if (failures == 0 && parseResult.GetValue(recordCodes) && !issued.IsEmpty)
            {
                await runtime.RunWithServicesAsync(parseResult, async (output, services) =>
                {
                    await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
                    var handler = services.GetRequiredService<RecordPseudonyms>();
                    int recorded = 0, known = 0;
                    foreach (var batch in issued.Values.OrderBy(e => e.Code, StringComparer.Ordinal).Chunk(5000))
                    {
                        var result = await handler.HandleAsync(new RecordPseudonymsCommand(Path.GetFileName(Path.TrimEndingDirectorySeparator(inPath)), batch), cancellationToken);
                        recorded += result.Recorded;
                        known += result.AlreadyKnown;
                    }

                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Recorded {recorded:N0} re-identification codes in Custos ({known:N0} were already recorded); re-identify with 'custos phi reidentify CODE --purpose ...'."));
                    return ExitCodes.Success;
                }, cancellationToken);
            }

            return failures > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static string Detect(string file)
    {
        if (file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return "csv";
        }

        if (file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return "ndjson";
        }

        using var reader = new StreamReader(file);
        var head = new char[4096];
        var n = reader.Read(head, 0, head.Length);
        return new string(head, 0, n).Contains("\"resourceType\"", StringComparison.Ordinal) ? "fhir" : "json";
    }

    private static bool LooksLikeFhir(string file)
    {
        using var reader = new StreamReader(file);
        var first = reader.ReadLine() ?? string.Empty;
        return first.Contains("\"resourceType\"", StringComparison.Ordinal);
    }

    private static DeidentificationReport Process(string file, string target, string kind, DeidentificationOptions options, TextWriter stderr, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(target) + ".custos-tmp");
        try
        {
            DeidentificationReport report;
            using (var inStream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            using (var outStream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                if (kind == "csv")
                {
                    using var reader = new StreamReader(inStream, new UTF8Encoding(false, true));
                    using var writer = new StreamWriter(outStream, new UTF8Encoding(false));
                    var size = Math.Max(1, inStream.Length);
                    var lastShown = -1L;
                    var progress = new Output.ImmediateProgress<long>(rows =>
                    {
                        var percent = inStream.Position * 100 / size;
                        if (percent / 10 != lastShown / 10)
                        {
                            lastShown = percent;
                            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)}: {rows:N0} rows, {percent}%"));
                        }
                    });
                    report = CsvDeidentifier.Run(reader, writer, options, progress, cancellationToken);
                }
                else if (kind == "ndjson")
                {
                    // One document per line, each cleaned and written before the next: flat memory on bulk exports.
                    var fhirLines = LooksLikeFhir(file);
                    report = JsonDeidentifier.RunLines(inStream, outStream, options, fhirLines, cancellationToken);
                }
                else
                {
                    report = JsonDeidentifier.Run(inStream, outStream, options, fhir: kind == "fhir");
                }
            }

            File.Move(temporary, target, overwrite: true);
            return report;
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException("not valid UTF-8; convert the file to UTF-8 and try again", ex);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static Dictionary<string, FieldRule> ReadRules(string? path)
    {
        var rules = new Dictionary<string, FieldRule>(StringComparer.OrdinalIgnoreCase);
        if (path is null)
        {
            return rules;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!Enum.TryParse<FieldRule>(property.Value.GetString(), ignoreCase: true, out var rule))
                {
                    throw new CommandFailedException($"{path}: '{property.Value}' for '{property.Name}' is not a rule. Use one of {string.Join(", ", Enum.GetNames<FieldRule>())}.");
                }

                rules[property.Name] = rule;
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException)
        {
            throw new CommandFailedException($"{path}: cannot read the rules ({ex.Message.ReplaceLineEndings(" ")}). Write a JSON object of column names and rules, such as {{\"notes\": \"FreeText\"}}.");
        }

        return rules;
    }

    private static Pseudonymizer LoadKey(string keyPath, bool create, string outPath, TextWriter stderr)
    {
        var fullKey = Path.GetFullPath(keyPath);
        var fullOut = Path.GetFullPath(outPath);
        if (fullKey.StartsWith(fullOut.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || fullKey == fullOut)
        {
            throw new CommandFailedException("--key-file must not be inside the output: 45 CFR 164.514(c)(2) keeps the re-identification key apart from the data.");
        }

        if (create)
        {
            if (File.Exists(keyPath))
            {
                throw new CommandFailedException($"{keyPath} exists; --new-key never overwrites a key (the codes made with it could no longer be matched).");
            }

            File.WriteAllText(keyPath, Convert.ToBase64String(Pseudonymizer.CreateKey()) + Environment.NewLine);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stderr.WriteLine($"Created a new key in {keyPath}. Store it apart from the data; anyone with it can re-identify.");
        }

        try
        {
            return new Pseudonymizer(Convert.FromBase64String(File.ReadAllText(keyPath).Trim()));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IOException)
        {
            throw new CommandFailedException($"{keyPath}: not a usable key ({ex.Message.ReplaceLineEndings(" ")}). Create one with --new-key.");
        }
    }
}
