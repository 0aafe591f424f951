namespace Custos.Phi.Evaluation;

/// <summary>A span of an annotated text known to hold an identifier of <paramref name="Type"/>.</summary>
/// <param name="Start">Offset of the first character (UTF-16 code units).</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Type">The identifier type.</param>
public readonly record struct AnnotatedSpan(int Start, int End, PhiType Type);

/// <summary>A text with the spans of every identifier in it: the unit of accuracy evaluation.</summary>
/// <param name="Text">The text.</param>
/// <param name="Spans">The identifiers, in order of position.</param>
/// <param name="Kind">What kind of document it is (progress-note, log, ...), for reports; may be empty.</param>
/// <param name="Ignored">Spans that are neither scored as found nor as false alarms (annotations of types outside the evaluation).</param>
public sealed record AnnotatedText(string Text, IReadOnlyList<AnnotatedSpan> Spans, string Kind, IReadOnlyList<(int Start, int End)> Ignored)
{
    /// <summary>A text with no ignored regions.</summary>
    /// <param name="text">The text.</param>
    /// <param name="spans">The identifiers.</param>
    /// <param name="kind">The kind of document.</param>
    public AnnotatedText(string text, IReadOnlyList<AnnotatedSpan> spans, string kind)
        : this(text, spans, kind, [])
    {
    }
}
