using System.Text;
using Custos.Phi.Evaluation;
using Custos.Phi.Files;

namespace Custos.Phi.Tests.Files;

public sealed class StreamingTests
{
    [Fact]
    public void A_large_stream_scanned_in_parallel_chunks_gives_the_findings_of_the_whole_text_in_order()
    {
        var text = BenchmarkInputs.FreeText(3_000_000, seed: 5);
        var whole = PhiScanner.Default.Scan(text);

        var streamed = PhiStreamScanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(text)), PhiScanner.Default, chunkChars: 100_000, TestContext.Current.CancellationToken).ToList();

        streamed.Count.ShouldBeGreaterThan(10_000);
        streamed.Select(f => f.Start).ShouldBeInOrder(SortDirection.Ascending);
        var differences = streamed.Except(whole).Concat(whole.Except(streamed)).ToList();
        differences.ShouldBeEmpty(string.Join("; ", differences.Take(5).Select(f => $"{f} '{text[f.Start..f.End]}' after '{text[Math.Max(0, f.Start - 30)..f.Start]}'")));
    }

    [Fact]
    public void Offsets_of_streamed_findings_point_into_the_whole_text()
    {
        var text = string.Concat(Enumerable.Repeat("nothing here at all\n", 10_000)) + "SSN 123-45-6789\n";

        var finding = PhiStreamScanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(text)), PhiScanner.Default, chunkChars: 4096, TestContext.Current.CancellationToken).Single();

        text[finding.Start..finding.End].ShouldBe("123-45-6789");
    }

    [Fact]
    public void Invalid_UTF_8_is_reported_with_its_byte_offset()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', 10_000)).Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var ex = Should.Throw<InvalidDataException>(() => PhiStreamScanner.Scan(new MemoryStream(bytes), PhiScanner.Default, 4096, TestContext.Current.CancellationToken).ToList());

        ex.Message.ShouldStartWith("not valid UTF-8 at byte 10000");
    }

    [Fact]
    public void A_file_scan_walks_directories_in_order_and_skips_binary_files()
    {
        var folder = Directory.CreateTempSubdirectory("custos-phi-files-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "b.txt"), "call 212-555-0143");
            File.WriteAllText(Path.Combine(folder, "a.txt"), "nothing");
            File.WriteAllBytes(Path.Combine(folder, "c.bin"), [1, 0, 2]);

            var results = PhiFileScanner.ScanFiles(PhiFileScanner.Expand([folder]), PhiScanner.Default, TestContext.Current.CancellationToken).ToList();

            results.Select(r => Path.GetFileName(r.Path)).ShouldBe(["a.txt", "b.txt", "c.bin"]);
            results[1].Findings.Single().Type.ShouldBe(PhiType.Phone);
            results[2].Skipped.ShouldNotBeNull();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Masked_values_keep_the_shape_and_hide_every_letter_and_digit() =>
        PhiFileScanner.Mask("212-555-0143 Jo").ShouldBe("***-***-**** **");
}
