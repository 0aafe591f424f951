namespace Custos.Phi.Tests.Detection;

/// <summary>Clinical look-alikes stay untouched; obfuscated identifiers are still found, with spans in the original.</summary>
public sealed class ClinicalAndObfuscationTests
{
    [Theory]
    [InlineData("BP 138/86, HR 78 bpm, Temp 98.6 F, SpO2 97%, weight 82 kg.")]
    [InlineData("Metformin 500 mg BID and lisinopril 10 mg daily; insulin 12 units at 10:45.")]
    [InlineData("A1c 7.4%, glucose 142 mg/dL, Na 139, K 4.1, Cr 1.02, WBC 14.2 to 8.1.")]
    [InlineData("Type 2 diabetes (ICD-10 E11.9) and hypertension (I10); visit billed as CPT 99214.")]
    [InlineData("Recheck labs in 3 months; follow up in 2 weeks at 9:30 AM.")]
    [InlineData("INFO worker.heartbeat cpu=37% mem=512MB uptime=3600s version 4.2.0.1")]
    public void Doses_vitals_lab_values_times_and_codes_are_not_PHI(string text) => Scan.ShouldFindNothing(text);

    [Fact]
    public void Zero_width_characters_inside_a_number_do_not_hide_it_and_the_span_covers_them()
    {
        const string Text = "card 4111\u200d1111\u200d1111\u200d1111 on file";

        var found = Scan.Run(Text);

        found.ShouldContain(f => f.Type == PhiType.AccountNumber && f.Value == "4111\u200d1111\u200d1111\u200d1111");
    }

    [Fact]
    public void Full_width_digits_are_read_as_digits() =>
        Scan.ShouldFind("SSN \uff11\uff12\uff13-\uff14\uff15-\uff16\uff17\uff18\uff19 on file", PhiType.Ssn, "\uff11\uff12\uff13-\uff14\uff15-\uff16\uff17\uff18\uff19");

    [Fact]
    public void A_Cyrillic_look_alike_letter_does_not_hide_an_email_address() =>
        Scan.ShouldFind("mail jan\u0435.patient@example.com now", PhiType.Email, "jan\u0435.patient@example.com");

    [Fact]
    public void A_combining_mark_does_not_break_an_email_address() =>
        Scan.ShouldFind("mail jane\u0301.patient@example.com now", PhiType.Email, "jane\u0301.patient@example.com");

    [Fact]
    public void Digits_spaced_out_one_by_one_are_still_an_SSN() =>
        Scan.ShouldFind("ssn 1 2 3 4 5 6 7 8 9 given", PhiType.Ssn, "1 2 3 4 5 6 7 8 9");

    [Fact]
    public void Spans_are_UTF_16_offsets_into_the_original_text_end_exclusive()
    {
        const string Text = "\u200bSSN 123-45-6789";

        var finding = PhiScanner.Default.Scan(Text).Single();

        finding.Start.ShouldBe(5);
        finding.End.ShouldBe(16);
        finding.Detector.ShouldStartWith("ssn.");
    }

    [Fact]
    public void Options_filter_by_type_and_confidence()
    {
        var scanner = new PhiScanner(new PhiScanOptions { Types = new HashSet<PhiType> { PhiType.Email }, MinConfidence = 0.9 });

        var found = scanner.Scan("SSN 123-45-6789, mail a.b@example.com");

        found.Select(f => f.Type).ShouldBe([PhiType.Email]);
    }

    [Fact]
    public void Every_type_has_a_name_that_parses_back_and_a_Safe_Harbor_category()
    {
        foreach (var type in PhiTypes.All)
        {
            PhiTypes.TryParse(PhiTypes.Name(type), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(type);
            ((int)PhiTypes.Category(type)).ShouldBeInRange(1, 18);
        }

        PhiTypes.All.Count.ShouldBe(18);
    }
}
