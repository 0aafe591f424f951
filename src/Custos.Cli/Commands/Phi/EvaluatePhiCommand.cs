using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Custos.Cli.Hosting;
using Custos.Phi;
using Custos.Phi.Evaluation;

namespace Custos.Cli.Commands.Phi;

/// <summary>custos phi evaluate: precision, recall and F2 per type against annotated text.</summary>
internal static class EvaluatePhiCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var gold = new Option<string?>("--gold") { Description = "A directory (or file) of annotated text: *.jsonl in the Custos gold format ({\"text\", \"spans\":[{\"start\",\"end\",\"type\"}]}) or *.json in the presidio-research format." };
        var synthetic = new Option<int?>("--synthetic") { Description = "Instead of --gold, evaluate on this many documents of the seeded synthetic corpus." };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic corpus (default 42).", DefaultValueFactory = _ => 42 };
        var write = new Option<string?>("--write-gold") { Description = "Write the synthetic corpus to this .jsonl file (the documented gold format) and exit." };
        var format = new Option<string>("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var errors = new Option<bool>("--errors") { Description = "Also list every miss and false alarm with its context (for analysing a gold set; prints the annotated values, so use it on synthetic sets only)." };
        var command = new Command(
            "evaluate",
            "Score the PHI scanner against annotated text: precision, recall and F2 per type and overall. A finding counts when " +
            "it overlaps an annotated identifier of the same type. presidio-research files are scored on the types both share.")
        {
            gold, synthetic, seed, write, format, errors,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var goldPath = parseResult.GetValue(gold);
            var count = parseResult.GetValue(synthetic);
            IReadOnlyList<AnnotatedText> texts;
            if (parseResult.GetValue(write) is { } writePath)
            {
                using var writer = new StreamWriter(writePath);
                GoldCorpus.WriteJsonLines(SyntheticCorpus.Generate(parseResult.GetValue(seed), count ?? 500), writer);
                stdout.WriteLine($"Wrote {count ?? 500} annotated documents to {writePath}.");
                return Task.FromResult(ExitCodes.Success);
            }

            if (goldPath is not null)
            {
                if (!Directory.Exists(goldPath) && !File.Exists(goldPath))
                {
                    throw new CommandFailedException($"--gold {goldPath}: no such file or directory.");
                }

                try
                {
                    texts = GoldCorpus.Load(goldPath);
                }
                catch (InvalidDataException ex)
                {
                    throw new CommandFailedException(ex.Message);
                }
            }
            else if (count is > 0)
            {
                texts = SyntheticCorpus.Generate(parseResult.GetValue(seed), count.Value).ToList();
            }
            else
            {
                throw new CommandFailedException("Give --gold DIR (annotated text) or --synthetic N (the seeded synthetic corpus).");
            }

            var presidio = texts.Count > 0 && texts.All(t => t.Kind == "presidio");
            if (parseResult.GetValue(errors))
            {
                WriteErrors(texts, presidio, stdout);
            }

            var report = presidio
                ? PhiEvaluator.Evaluate(texts, PhiScanner.Default, t => t == PhiType.Fax ? PhiType.Phone : t, new HashSet<PhiType>(GoldCorpus.PresidioTypes.Values))
                : PhiEvaluator.Evaluate(texts, PhiScanner.Default);
            if (parseResult.GetValue(format) == "json")
            {
                stdout.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        report.Documents,
                        report.Characters,
                        types = report.ByType.Append(report.Overall).Select(s => new { type = s.Type is { } t ? PhiTypes.Name(t) : "ALL", gold = s.GoldCount, found = s.FoundCount, predicted = s.PredictedCount, correct = s.CorrectCount, precision = Math.Round(s.Precision, 4), recall = Math.Round(s.Recall, 4), f2 = Math.Round(s.F2, 4) }),
                    },
                    Json));
                return Task.FromResult(ExitCodes.Success);
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Documents:N0} documents, {report.Characters:N0} characters{(presidio ? " (presidio-research format: scored on the shared types; FAX counts as PHONE)" : string.Empty)}"));
            stdout.WriteLine($"{"TYPE",-16} {"GOLD",7} {"FOUND",7} {"PRED",7} {"PRECISION",10} {"RECALL",8} {"F2",7}");
            foreach (var s in report.ByType.Append(report.Overall))
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(s.Type is { } t ? PhiTypes.Name(t) : "ALL"),-16} {s.GoldCount,7} {s.FoundCount,7} {s.PredictedCount,7} {s.Precision,10:0.000} {s.Recall,8:0.000} {s.F2,7:0.000}"));
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>Every annotated identifier no finding of its type overlaps (MISS) and every finding that overlaps none (FALSE), with context.</summary>
    private static void WriteErrors(IReadOnlyList<AnnotatedText> texts, bool presidio, TextWriter stdout)
    {
        var scored = presidio ? new HashSet<PhiType>(GoldCorpus.PresidioTypes.Values) : null;
        PhiType Map(PhiType t) => presidio && t == PhiType.Fax ? PhiType.Phone : t;
        static string Context(string text, int start, int end)
        {
            var from = Math.Max(0, start - 30);
            var to = Math.Min(text.Length, end + 30);
            return (text[from..start] + "[" + text[start..end] + "]" + text[end..to]).ReplaceLineEndings(" ");
        }

        foreach (var text in texts)
        {
            var findings = PhiScanner.Default.Scan(text.Text);
            foreach (var span in text.Spans.Where(s => scored is null || scored.Contains(s.Type)))
            {
                if (!findings.Any(f => Map(f.Type) == span.Type && f.Start < span.End && span.Start < f.End))
                {
                    var other = findings.Where(f => f.Start < span.End && span.Start < f.End).Select(f => PhiTypes.Name(f.Type) + "/" + f.Detector).FirstOrDefault() ?? "-";
                    stdout.WriteLine($"MISS  {PhiTypes.Name(span.Type),-14} {other,-28} {Context(text.Text, span.Start, span.End)}");
                }
            }

            foreach (var f in findings)
            {
                var type = Map(f.Type);
                if ((scored is null || scored.Contains(type))
                    && !text.Spans.Any(s => s.Type == type && f.Start < s.End && s.Start < f.End)
                    && !text.Ignored.Any(r => f.Start < r.End && r.Start < f.End))
                {
                    stdout.WriteLine($"FALSE {PhiTypes.Name(type),-14} {f.Detector,-28} {Context(text.Text, f.Start, f.End)}");
                }
            }
        }
    }
}
