using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Custos.Phi;
using Custos.Phi.Deidentification;
using Custos.Phi.Evaluation;
using Custos.Phi.Files;

namespace Custos.Benchmarks.Phi;

/// <summary>
/// Throughput of the PHI engine on 1 MB of seeded synthetic input per kind. Baseline: one source-generated regex for
/// one identifier (SSN) over the same free text, the cost a single-pattern scanner pays. MB/s = 1 / mean seconds.
/// </summary>
[MemoryDiagnoser]
// Fifteen warm-up iterations (about 8 s): Firely's model code takes about ten passes over 1 MB before the JIT has
// recompiled it, and two warm-up iterations measured the FHIR and JSON paths half-compiled (with a spread of ±50 %).
[SimpleJob(RunStrategy.Throughput, warmupCount: 15, iterationCount: 6)]
public partial class PhiThroughputBenchmarks
{
    private const int Size = 1_000_000;
    private static readonly DeidentificationOptions Options = new() { AsOf = new DateOnly(2026, 1, 1) };

    private string _text = string.Empty;
    private byte[] _textBytes = [];
    private byte[] _csv = [];
    private byte[] _json = [];
    private byte[] _fhir = [];

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchmarkInputs.FreeText(Size);
        _textBytes = Encoding.UTF8.GetBytes(_text);
        _csv = Encoding.UTF8.GetBytes(BenchmarkInputs.Csv(Size));
        _json = Encoding.UTF8.GetBytes(BenchmarkInputs.Json(Size));
        _fhir = Encoding.UTF8.GetBytes(BenchmarkInputs.FhirBundle(Size));
        if (PhiScanner.Default.Scan(_text).Count < 1000 || Ssn().Count(_text) < 10)
        {
            throw new InvalidOperationException("The benchmark input holds too few identifiers to measure anything.");
        }
    }

    [Benchmark(Baseline = true, Description = "one regex (SSN only), free text")]
    public int SingleRegexBaseline() => Ssn().Count(_text);

    [Benchmark(Description = "scan, all 18 types, free text, 1 core")]
    public int ScanFreeText() => PhiScanner.Default.Scan(_text).Count;

    [Benchmark(Description = "scan, free text, streamed on all cores")]
    public int ScanFreeTextStreamed()
    {
        var n = 0;
        foreach (var _ in PhiStreamScanner.Scan(new MemoryStream(_textBytes), PhiScanner.Default, 128 * 1024))
        {
            n++;
        }

        return n;
    }

    [Benchmark(Description = "de-identify CSV, 1 core")]
    public int DeidentifyCsv() => CsvDeidentifier.Run(new StreamReader(new MemoryStream(_csv)), TextWriter.Null, Options).TotalChanges;

    [Benchmark(Description = "de-identify JSON, 1 core")]
    public int DeidentifyJson() => JsonDeidentifier.Run(new MemoryStream(_json), Stream.Null, Options, fhir: false).TotalChanges;

    [Benchmark(Description = "de-identify FHIR bundle, 1 core")]
    public int DeidentifyFhir() => JsonDeidentifier.Run(new MemoryStream(_fhir), Stream.Null, Options, fhir: true).TotalChanges;

    [Benchmark(Description = "de-identify FHIR bundle, earlier JsonNode path (ADR 0025), 1 core")]
    public int DeidentifyFhirJsonNode() => JsonDeidentifier.RunJsonNodeFhir(new MemoryStream(_fhir), Stream.Null, Options).TotalChanges;

    [GeneratedRegex(@"\b\d{3}-\d{2}-\d{4}\b")]
    private static partial Regex Ssn();
}
