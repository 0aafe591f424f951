using Custos.Phi.Deidentification;
using Custos.Phi.Tests.Evaluation;

namespace Custos.Phi.Tests.Deidentification;

/// <summary>One de-identified bundle of ../shared/phi-bench: its file name, the source bytes and the output bytes.</summary>
internal sealed record DeidentifiedBundle(string Name, byte[] Source, byte[] Output);

/// <summary>
/// The Synthea FHIR R4 bundles of ../shared/phi-bench, de-identified once per test run and shared by the tests that
/// check the output (valid FHIR, no identifier surviving): the same run of the engine, checked several ways.
/// </summary>
internal static class SyntheaBundles
{
    public const string SkipReason = "../shared/phi-bench/ms-fhir-anonymizer-synthea-r4 is not present on this machine";

    private static readonly Lazy<IReadOnlyList<DeidentifiedBundle>> Cache = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The bundles folder, or null when the shared benchmark data is not on this machine.</summary>
    public static string? Folder => SharedPath("bundles");

    /// <summary>A path inside the shared Synthea set, or null when the set is not on this machine.</summary>
    public static string? SharedPath(string relative) =>
        AccuracyTests.SharedBench("ms-fhir-anonymizer-synthea-r4/SOURCE.txt") is { } source ? Path.Combine(Path.GetDirectoryName(source)!, relative) : null;

    public static IReadOnlyList<DeidentifiedBundle> Deidentified => Cache.Value;

    private static List<DeidentifiedBundle> Load()
    {
        var options = new DeidentificationOptions { AsOf = new DateOnly(2026, 3, 2) };
        return [.. Directory.GetFiles(Folder!, "*.json").Order(StringComparer.Ordinal).Select(file =>
        {
            var source = File.ReadAllBytes(file);
            using var output = new MemoryStream();
            JsonDeidentifier.Run(new MemoryStream(source), output, options, fhir: true);
            return new DeidentifiedBundle(Path.GetFileName(file), source, output.ToArray());
        })];
    }
}
