using System.Text;
using System.Text.Json;

namespace Custos.Tests.Cli;

/// <summary>custos phi scan / deidentify / pseudonymize / evaluate: exit codes, output contracts, nothing partially written.</summary>
public sealed class PhiCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("custos-phi-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Scan_exits_3_when_PHI_is_found_with_one_masked_JSON_line_per_finding()
    {
        var file = Write("logs/app.log", "INFO user=jane.doe@example.com ssn=123-45-6789\n");

        var run = await CustosCommand.RunAsync("phi", "scan", file);

        run.ShouldExitWith(3);
        run.StdoutLines.Count.ShouldBe(2);
        var first = JsonDocument.Parse(run.StdoutLines[0]).RootElement;
        first.GetProperty("path").GetString().ShouldBe(file);
        first.GetProperty("type").GetString().ShouldBe("EMAIL");
        first.GetProperty("start").GetInt32().ShouldBe(10);
        first.GetProperty("end").GetInt32().ShouldBe(30);
        first.GetProperty("detector").GetString().ShouldBe("email.pattern");
        first.TryGetProperty("value", out _).ShouldBeFalse();
        run.Stdout.ShouldNotContain("6789");
        run.Stderr.ShouldContain("2 findings in 1 files");
    }

    [Fact]
    public async Task Scan_exits_0_on_clean_files_and_skips_binary_files_with_a_note()
    {
        Write("clean/vitals.txt", "BP 120/80, HR 72 bpm, metformin 500 mg BID at 09:30.\n");
        File.WriteAllBytes(Path.Combine(folder, "clean", "image.bin"), [0x89, 0x50, 0x00, 0x01, 0x02]);

        var run = await CustosCommand.RunAsync("phi", "scan", Path.Combine(folder, "clean"));

        run.ShouldExitWith(CommandRun.Success);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain("image.bin: binary file");
    }

    [Fact]
    public async Task Scan_exits_1_on_a_file_that_is_not_UTF_8_naming_the_file_and_byte()
    {
        var path = Path.Combine(folder, "latin1.txt");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes("Jos\u00e9 Garc\u00eda"));

        var run = await CustosCommand.RunAsync("phi", "scan", path);

        run.ShouldExitWith(CommandRun.Failure);
        run.Stderr.ShouldContain($"{path}: not valid UTF-8 at byte 3");
    }

    [Fact]
    public async Task Scan_shows_values_only_when_asked_and_filters_types()
    {
        var file = Write("t.txt", "SSN 123-45-6789, mail a@example.com");

        var run = await CustosCommand.RunAsync("phi", "scan", file, "--types", "SSN", "--show-values", "--format", "table");

        run.ShouldExitWith(3);
        run.Stdout.ShouldContain("123-45-6789");
        run.Stdout.ShouldNotContain("a@example.com");
    }

    [Fact]
    public async Task Scan_writes_SARIF_2_1_0()
    {
        var file = Write("t.txt", "SSN 123-45-6789");

        var run = await CustosCommand.RunAsync("phi", "scan", file, "--format", "sarif");

        run.ShouldExitWith(3);
        var sarif = JsonDocument.Parse(run.Stdout).RootElement;
        sarif.GetProperty("version").GetString().ShouldBe("2.1.0");
        var result = sarif.GetProperty("runs")[0].GetProperty("results")[0];
        result.GetProperty("ruleId").GetString().ShouldBe("PHI/SSN");
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("charOffset").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task An_unknown_type_is_a_clear_error()
    {
        var file = Write("t.txt", "x");

        var run = await CustosCommand.RunAsync("phi", "scan", file, "--types", "PASSPORT");

        run.ShouldExitWith(CommandRun.Failure);
        run.Stderr.ShouldContain("'PASSPORT' is not a PHI type");
    }

    [Fact]
    public async Task Deidentify_writes_the_Safe_Harbor_CSV_and_a_report_without_PHI()
    {
        var input = Write("in.csv", "patient_name,dob,zip\nMaria Garcia,1980-07-04,02139\n");
        var output = Path.Combine(folder, "out.csv");

        var run = await CustosCommand.RunAsync("phi", "deidentify", input, "--out", output);

        run.ShouldExitWith(CommandRun.Success);
        File.ReadAllText(output).ShouldBe("patient_name,dob,zip\r\nREDACTED,1980,021\r\n");
        run.Stdout.ShouldContain("Safe Harbor, 45 CFR 164.514(b)(2)");
        run.Stdout.ShouldNotContain("Maria");
    }

    [Fact]
    public async Task Malformed_input_names_the_file_and_line_and_leaves_no_output_behind()
    {
        var input = Write("bad.csv", "a,b\n1,\"never closed\n");
        var output = Path.Combine(folder, "never.csv");

        var run = await CustosCommand.RunAsync("phi", "deidentify", input, "--out", output);

        run.ShouldExitWith(CommandRun.Failure);
        run.Stderr.ShouldContain($"{input}: line 2: a quoted field is never closed");
        File.Exists(output).ShouldBeFalse();
        Directory.GetFiles(folder, "*.custos-tmp", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Pseudonymize_gives_stable_codes_with_the_key_and_refuses_a_key_inside_the_output()
    {
        var input = Write("in.csv", "patient_name,visit_date\nMaria Garcia,2024-03-01\n");
        var key = Path.Combine(folder, "keys", "phi.key");
        Directory.CreateDirectory(Path.GetDirectoryName(key)!);

        var first = await CustosCommand.RunAsync("phi", "pseudonymize", input, "--out", Path.Combine(folder, "a.csv"), "--key-file", key, "--new-key");
        var second = await CustosCommand.RunAsync("phi", "pseudonymize", input, "--out", Path.Combine(folder, "b.csv"), "--key-file", key);
        var inside = await CustosCommand.RunAsync("phi", "pseudonymize", input, "--out", Path.Combine(folder, "keys"), "--key-file", key);

        first.ShouldExitWith(CommandRun.Success);
        second.ShouldExitWith(CommandRun.Success);
        var a = File.ReadAllText(Path.Combine(folder, "a.csv"));
        a.ShouldBe(File.ReadAllText(Path.Combine(folder, "b.csv")));
        a.ShouldNotContain("Maria");
        a.ShouldContain("2024");
        inside.ShouldExitWith(CommandRun.Failure);
        inside.Stderr.ShouldContain("164.514(c)(2)");
    }

    [Theory]
    [MemberData(nameof(CliDatabase.Providers), MemberType = typeof(CliDatabase))]
    public async Task Codes_recorded_at_pseudonymization_are_re_identified_only_with_a_stated_purpose(string provider)
    {
        await using var db = await CliDatabase.CreateAsync(provider);
        var configuration = db.Configuration;
        configuration[Custos.Platform.Crypto.CryptoSettings.KeyEncryptionKeyKey] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Task<CommandRun> Run(params string[] args) => CustosCommand.RunAsync(configuration, args);
        (await Run("db", "migrate")).ShouldExitWith(CommandRun.Success);
        var input = Write("in.csv", "patient_name,mrn,visit_date\nMaria Garcia,00481516,2024-03-01\n");
        var key = Path.Combine(folder, "keys", "phi.key");
        Directory.CreateDirectory(Path.GetDirectoryName(key)!);
        var output = Path.Combine(folder, "out.csv");

        var pseudonymized = await Run("phi", "pseudonymize", input, "--out", output, "--key-file", key, "--new-key", "--record-codes");
        var code = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(output), "[A-Z_]+-[0-9A-Z]{12}").Value;
        var withoutPurpose = await Run("phi", "reidentify", code);
        var vague = await Run("phi", "reidentify", code, "--purpose", "curious");
        var reidentified = await Run("phi", "reidentify", code, "--purpose", "Ticket CS-1042: the covered entity asks who row 1 is", "--format", "json");

        pseudonymized.ShouldExitWith(CommandRun.Success);
        pseudonymized.Stderr.ShouldContain("Recorded 2 re-identification codes in Custos");
        code.ShouldNotBeEmpty();
        withoutPurpose.ShouldExitWith(CommandRun.UsageError);
        vague.ShouldExitWith(CommandRun.Failure);
        vague.Stderr.ShouldContain("at least 15 characters");
        reidentified.ShouldExitWith(CommandRun.Success);
        var item = reidentified.Json().EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("code").GetString().ShouldBe(code);
        item.GetProperty("value").GetString().ShouldBeOneOf("Maria Garcia", "00481516");
    }

    [Fact]
    public async Task Bench_prints_a_positive_rate_for_each_input_kind_and_the_memory_high_water_mark()
    {
        var run = await CustosCommand.RunAsync("phi", "bench", "--size-mb", "1", "--warmup-seconds", "0.2");

        run.ShouldExitWith(CommandRun.Success);
        string[] kinds = ["free text, scan, 1 core", "free text, scan,", "CSV, de-identify", "JSON, de-identify", "FHIR bundle, de-identify"];
        foreach (var kind in kinds)
        {
            var row = run.StdoutLines.First(l => l.StartsWith(kind, StringComparison.Ordinal) && !(kind == "free text, scan," && l.Contains("1 core", StringComparison.Ordinal)));
            var columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5..]; // MB, seconds, MB/s, CPU s, MB/CPU-s
            double.Parse(columns[0], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(0.9, 1.1, row);
            double.Parse(columns[2], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0, row);
        }

        run.Stdout.ShouldContain("Memory high-water mark:");
    }

    [Fact]
    public async Task Evaluate_prints_precision_recall_and_F2_per_type_for_a_gold_file()
    {
        var gold = Write("gold/one.jsonl", "{\"text\":\"SSN 123-45-6789 and nothing else\",\"spans\":[{\"start\":4,\"end\":15,\"type\":\"SSN\"}]}\n");

        var run = await CustosCommand.RunAsync("phi", "evaluate", "--gold", Path.GetDirectoryName(gold)!, "--format", "json");

        run.ShouldExitWith(CommandRun.Success);
        var ssn = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("type").GetString() == "SSN");
        ssn.GetProperty("precision").GetDouble().ShouldBe(1);
        ssn.GetProperty("recall").GetDouble().ShouldBe(1);
        ssn.GetProperty("f2").GetDouble().ShouldBe(1);
    }
}
