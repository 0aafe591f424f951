using System.Diagnostics;
using System.Globalization;
using System.Text;
using Custos.Phi.Deidentification;
using Custos.Phi.Evaluation;

namespace Custos.Phi.Tests.Deidentification;

/// <summary>Measures the process's GC heap: alone, so other tests' allocations do not count.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>
/// A single large JSON document or FHIR Bundle is read value by value (Bundle.entry, top-level arrays): the heap stays
/// flat as the file grows, malformed input names its position, and nothing is written for it by the CLI.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class LargeDocumentStreamingTests
{
    private static readonly DeidentificationOptions Options = new() { AsOf = new DateOnly(2026, 3, 2) };

    [Fact]
    public void A_FHIR_bundle_five_times_larger_is_de_identified_with_the_same_peak_heap()
    {
        using var small = TemporaryFile.Create();
        using var large = TemporaryFile.Create();
        var smallEntries = WriteBundle(small.Path, 2_000_000);
        var largeEntries = WriteBundle(large.Path, 10_000_000);

        var (smallPeak, smallReport, smallOut) = Measure(small.Path, fhir: true);
        var (largePeak, largeReport, largeOut) = Measure(large.Path, fhir: true);

        smallReport.Records.ShouldBe(smallEntries + 1); // every entry's resource, and the Bundle
        largeReport.Records.ShouldBe(largeEntries + 1);
        largeOut.ShouldBeGreaterThan(smallOut * 4);
        // Five times the input, not five times the heap: the bound is the largest entry plus the engine's own state.
        TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"FHIR peak heap: {new FileInfo(small.Path).Length / 1e6:0} MB -> {smallPeak / 1e6:0.0} MB, {new FileInfo(large.Path).Length / 1e6:0} MB -> {largePeak / 1e6:0.0} MB"));
        largePeak.ShouldBeLessThan(smallPeak + 24_000_000);
        largePeak.ShouldBeLessThan(new FileInfo(large.Path).Length); // holding the document would take at least its size
    }

    [Fact]
    public void A_JSON_object_holding_a_large_array_is_de_identified_element_by_element_with_the_same_peak_heap()
    {
        using var small = TemporaryFile.Create();
        using var large = TemporaryFile.Create();
        WriteRecords(small.Path, 1_000_000);
        WriteRecords(large.Path, 5_000_000);

        var (smallPeak, _, _) = Measure(small.Path, fhir: false);
        var (largePeak, report, _) = Measure(large.Path, fhir: false);

        TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"JSON peak heap: {smallPeak / 1e6:0.0} MB -> {largePeak / 1e6:0.0} MB"));
        report.Changes["text:SSN"].ShouldBeGreaterThan(25_000);
        largePeak.ShouldBeLessThan(smallPeak + 24_000_000);
        largePeak.ShouldBeLessThan(new FileInfo(large.Path).Length); // holding the document would take at least its size
    }

    [Fact]
    public void A_bundle_cut_off_in_the_middle_of_an_entry_names_the_position()
    {
        var bundle = """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"p1"}},{"resource":{"resourceType":"Patient","name":[{"family":"Kel""";

        var ex = Should.Throw<InvalidDataException>(() => JsonDeidentifier.Run(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), new MemoryStream(), Options, fhir: true));

        ex.Message.ShouldContain("byte");
        ex.Message.ShouldNotContain("Kel");
    }

    [Fact]
    public void An_entry_Firely_cannot_read_is_named_by_its_index_without_its_values()
    {
        var bundle = """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"p1"}},{"resource":{"resourceType":"Kelvarossen","id":"p2"}}]}""";

        var ex = Should.Throw<InvalidDataException>(() => JsonDeidentifier.Run(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), new MemoryStream(), Options, fhir: true));

        ex.Message.ShouldStartWith("Bundle.entry[1] at byte");
        ex.Message.ShouldNotContain("Kelvarossen");
    }

    [Fact]
    public void Elements_Firely_does_not_know_and_values_it_cannot_read_are_removed_and_counted()
    {
        var patient = """{"resourceType":"Patient","id":"p1","nickname":"Kelvarossen","birthDate":{"year":"Maria Kelvarossen"},"gender":"female"}""";
        using var output = new MemoryStream();

        var report = JsonDeidentifier.Run(new MemoryStream(Encoding.UTF8.GetBytes(patient)), output, Options, fhir: true);

        var text = Encoding.UTF8.GetString(output.ToArray());
        text.ShouldNotContain("Kelvarossen");
        text.ShouldContain("\"gender\":\"female\"");
        report.Changes["fhir:unrecognized-element-removed"].ShouldBeGreaterThanOrEqualTo(1);
    }

    /// <summary>
    /// De-identifies a file to a null stream and returns the peak live heap above the starting one: the most that any
    /// garbage collection during the run (one every few milliseconds) left alive. (The total heap between collections counts garbage not yet
    /// collected, whose size is the GC's allocation budget and differs from machine to machine; what survives a
    /// collection is what the engine holds.)
    /// </summary>
    private static (long Peak, DeidentificationReport Report, long Written) Measure(string path, bool fhir)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var baseline = Live(GC.GetGCMemoryInfo(GCKind.Any));
        var collectionsBefore = GC.CollectionCount(0);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            // A young-generation collection every few milliseconds: how many the GC would start by itself depends on its
            // allocation budget (the machine's cache size) and on how little the engine allocates, and the peak is only
            // seen at a collection.
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                peak = Math.Max(peak, Live(GC.GetGCMemoryInfo(GCKind.Any)) - baseline);
                Thread.Sleep(5);
            }
        })
        {
            IsBackground = true,
        };
        sampler.Start();
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var output = new CountingStream();
        var stopwatch = Stopwatch.StartNew();
        var report = JsonDeidentifier.Run(input, output, Options, fhir);
        TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"{(fhir ? "FHIR" : "JSON")} {input.Length / 1e6:0.0} MB in {stopwatch.Elapsed.TotalSeconds:0.0} s ({input.Length / 1e6 / stopwatch.Elapsed.TotalSeconds:0.0} MB/s)"));
        stop.Cancel();
        sampler.Join();
        (GC.CollectionCount(0) - collectionsBefore).ShouldBeGreaterThan(5, "the run must allocate enough for collections to happen, or the peak measures nothing");
        return (peak, report, output.Length);

        static long Live(GCMemoryInfo info) => info.HeapSizeBytes - info.FragmentedBytes;
    }

    /// <summary>A Synthea-like transaction bundle of about <paramref name="bytes"/> bytes, written as it is generated; returns the entry count.</summary>
    internal static int WriteBundle(string path, long bytes)
    {
        var notes = SyntheticCorpus.Generate(7, 50).Where(d => d.Kind == "discharge-summary").Select(d => Convert.ToBase64String(Encoding.UTF8.GetBytes(d.Text))).ToList();
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(file, new UTF8Encoding(false));
        var patient = "1c5a49ea-fc04-456b-9d86-82d3e8f25ab1";
        writer.Write($$$"""{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:{{{patient}}}","resource":{"resourceType":"Patient","id":"{{{patient}}}","identifier":[{"system":"http://hospital.example","value":"MRN00481516"}],"name":[{"use":"official","family":"Kelvarossen","given":["Maria"]}],"telecom":[{"system":"phone","value":"212-555-0143"}],"gender":"female","birthDate":"1931-04-02","address":[{"line":["12 Elm St"],"city":"Springfield","state":"IL","postalCode":"62704","country":"US"}]},"request":{"method":"POST","url":"Patient"}}""");
        var entries = 1;
        var random = new Random(7);
        while (file.Position < bytes)
        {
            var id = new Guid(random.GetItems<byte>([.. Enumerable.Range(0, 256).Select(b => (byte)b)], 16)).ToString();
            writer.Write(entries % 12 == 0
                ? $$$""",{"fullUrl":"urn:uuid:{{{id}}}","resource":{"resourceType":"DocumentReference","id":"{{{id}}}","status":"current","subject":{"reference":"urn:uuid:{{{patient}}}","display":"Maria Kelvarossen"},"date":"2020-03-14T10:22:00-05:00","content":[{"attachment":{"contentType":"text/plain; charset=utf-8","data":"{{{notes[entries % notes.Count]}}}"}}]},"request":{"method":"POST","url":"DocumentReference"}}"""
                : $$$""",{"fullUrl":"urn:uuid:{{{id}}}","resource":{"resourceType":"Observation","id":"{{{id}}}","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8480-6","display":"Systolic blood pressure"}],"text":"Systolic blood pressure"},"subject":{"reference":"urn:uuid:{{{patient}}}"},"effectiveDateTime":"2020-03-14T10:22:00-05:00","issued":"2020-03-14T10:22:00.123-05:00","valueQuantity":{"value":{{{random.Next(100, 160)}}},"unit":"mm[Hg]","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},"request":{"method":"POST","url":"Observation"}}""");
            entries++;
            writer.Flush();
        }

        writer.Write("]}");
        return entries;
    }

    private static void WriteRecords(string path, long bytes)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(file, new UTF8Encoding(false));
        writer.Write("""{"export":"claims","records":[""");
        for (var i = 0; file.Position < bytes; i++)
        {
            writer.Write(i == 0 ? string.Empty : ",");
            writer.Write(string.Create(CultureInfo.InvariantCulture, $$"""{"id":{{i}},"dob":"1950-02-0{{1 + (i % 9)}}","note":"Call Maria Garcia at 555-867-5309 about SSN 123-45-6789."}"""));
            if (i % 1000 == 0)
            {
                writer.Flush();
            }
        }

        writer.Write("]}");
    }

    /// <summary>A sink that only counts what is written.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }

    /// <summary>A file in the temporary folder, deleted at the end of the test.</summary>
    private sealed class TemporaryFile : IDisposable
    {
        private TemporaryFile(string path) => Path = path;

        public string Path { get; }

        public static TemporaryFile Create() => new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "custos-phi-" + Guid.NewGuid().ToString("N") + ".json"));

        public void Dispose() => File.Delete(Path);
    }
}
