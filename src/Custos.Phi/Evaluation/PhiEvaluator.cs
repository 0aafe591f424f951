namespace Custos.Phi.Evaluation;

/// <summary>Precision, recall and F2 of one type (or of all types together).</summary>
/// <param name="Type">The type, or null for all types together.</param>
/// <param name="GoldCount">Identifiers annotated.</param>
/// <param name="FoundCount">Annotated identifiers that a finding of the same type overlaps.</param>
/// <param name="PredictedCount">Findings reported.</param>
/// <param name="CorrectCount">Findings that overlap an annotated identifier of the same type.</param>
public sealed record TypeScore(PhiType? Type, int GoldCount, int FoundCount, int PredictedCount, int CorrectCount)
{
    /// <summary>Correct findings over findings (1 when nothing was reported).</summary>
    public double Precision => PredictedCount == 0 ? 1 : (double)CorrectCount / PredictedCount;

    /// <summary>Found identifiers over annotated identifiers (1 when nothing was annotated).</summary>
    public double Recall => GoldCount == 0 ? 1 : (double)FoundCount / GoldCount;

    /// <summary>The F-measure weighting recall twice as much as precision: 5PR / (4P + R).</summary>
    public double F2 => Precision + Recall == 0 ? 0 : 5 * Precision * Recall / ((4 * Precision) + Recall);
}

/// <summary>The scores of one evaluation run.</summary>
/// <param name="ByType">One score per type that was annotated or reported.</param>
/// <param name="Overall">All types together (micro-averaged).</param>
/// <param name="Documents">How many texts were scored.</param>
/// <param name="Characters">How many characters were scanned.</param>
public sealed record EvaluationReport(IReadOnlyList<TypeScore> ByType, TypeScore Overall, int Documents, long Characters);

/// <summary>
/// Scores a scanner against annotated texts. A finding is correct when it overlaps an annotated identifier of the same
/// type; an identifier is found when a finding of its type overlaps it (the "partial match" convention of the i2b2
/// de-identification evaluations). Findings inside ignored regions count neither way.
/// </summary>
public static class PhiEvaluator
{
    /// <summary>Scans every text and scores the findings.</summary>
    /// <param name="texts">The annotated texts.</param>
    /// <param name="scanner">The scanner to score.</param>
    /// <param name="typeMap">Maps a reported type before scoring (for gold sets with coarser types); identity when null.</param>
    /// <param name="scoredTypes">Only these types are scored; all when null.</param>
    /// <returns>Per-type and overall scores.</returns>
    public static EvaluationReport Evaluate(
        IEnumerable<AnnotatedText> texts, PhiScanner scanner, Func<PhiType, PhiType>? typeMap = null, IReadOnlySet<PhiType>? scoredTypes = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(scanner);
        var gold = new int[19];
        var found = new int[19];
        var predicted = new int[19];
        var correct = new int[19];
        var documents = 0;
        long characters = 0;
        foreach (var text in texts)
        {
            documents++;
            characters += text.Text.Length;
            var findings = scanner.Scan(text.Text);
            var spans = text.Spans.Where(span => scoredTypes is null || scoredTypes.Contains(span.Type)).ToList();
            foreach (var span in spans)
            {
                gold[(int)span.Type]++;
                if (findings.Any(f => Map(f.Type, typeMap) == span.Type && f.Start < span.End && span.Start < f.End))
                {
                    found[(int)span.Type]++;
                }
            }

            foreach (var finding in findings)
            {
                var type = Map(finding.Type, typeMap);
                if (scoredTypes is not null && !scoredTypes.Contains(type))
                {
                    continue;
                }

                var hit = spans.Any(span => span.Type == type && finding.Start < span.End && span.Start < finding.End);
                if (!hit && text.Ignored.Any(r => finding.Start < r.End && r.Start < finding.End))
                {
                    continue;
                }

                predicted[(int)type]++;
                if (hit)
                {
                    correct[(int)type]++;
                }
            }
        }

        var byType = PhiTypes.All
            .Where(t => gold[(int)t] > 0 || predicted[(int)t] > 0)
            .Select(t => new TypeScore(t, gold[(int)t], found[(int)t], predicted[(int)t], correct[(int)t]))
            .ToList();
        var overall = new TypeScore(null, gold.Sum(), found.Sum(), predicted.Sum(), correct.Sum());
        return new EvaluationReport(byType, overall, documents, characters);
    }

    private static PhiType Map(PhiType type, Func<PhiType, PhiType>? map) => map is null ? type : map(type);
}
