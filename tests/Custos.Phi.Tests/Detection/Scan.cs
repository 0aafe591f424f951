namespace Custos.Phi.Tests.Detection;

/// <summary>Helpers: scan a text and read back what each finding covers.</summary>
internal static class Scan
{
    public static List<(PhiType Type, string Value, PhiFinding Finding)> Run(string text, double minConfidence = 0.5) =>
        new PhiScanner(new PhiScanOptions { MinConfidence = minConfidence }).Scan(text)
            .Select(f => (f.Type, text[f.Start..f.End], f))
            .ToList();

    public static void ShouldFind(string text, PhiType type, string value)
    {
        var found = Run(text);
        found.ShouldContain(
            f => f.Type == type && f.Value == value,
            $"expected {PhiTypes.Name(type)} '{value}' in \"{text}\"; found: {string.Join("; ", found.Select(f => $"{PhiTypes.Name(f.Type)} '{f.Value}'"))}");
    }

    public static void ShouldNotFind(string text, PhiType type)
    {
        var found = Run(text);
        found.Where(f => f.Type == type).ShouldBeEmpty($"in \"{text}\"");
    }

    public static void ShouldFindNothing(string text)
    {
        var found = Run(text);
        found.ShouldBeEmpty($"found: {string.Join("; ", found.Select(f => $"{PhiTypes.Name(f.Type)} '{f.Value}' {f.Finding.Detector}"))}");
    }
}
