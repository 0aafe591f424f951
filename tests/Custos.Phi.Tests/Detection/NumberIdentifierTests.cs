namespace Custos.Phi.Tests.Detection;

/// <summary>Pattern identifiers of 45 CFR 164.514(b)(2)(i): structure and check digits, and their look-alikes.</summary>
public sealed class NumberIdentifierTests
{
    [Theory]
    [InlineData("SSN 123-45-6789 on file.", "123-45-6789")]
    [InlineData("ss number 078 05 1121 verified", "078 05 1121")]
    [InlineData("Social Security Number: 219099999", "219099999")]
    public void A_Social_Security_number_is_found(string text, string value) => Scan.ShouldFind(text, PhiType.Ssn, value);

    [Theory]
    [InlineData("Ref 000-12-3456 closed.")] // area 000 is never issued
    [InlineData("Ref 666-12-3456 closed.")] // area 666 is never issued
    [InlineData("Ref 912-12-3456 closed.")] // areas 900-999 are never issued
    [InlineData("Ref 123-00-4567 closed.")] // group 00
    [InlineData("Ref 123-45-0000 closed.")] // serial 0000
    public void A_number_shaped_like_an_SSN_that_breaks_the_SSA_rules_is_not_an_SSN(string text) =>
        Scan.ShouldNotFind(text, PhiType.Ssn);

    [Fact]
    public void An_unissuable_number_labelled_SSN_is_still_reported_with_less_confidence()
    {
        var found = Scan.Run("Patient SSN: 999-12-3456 (test data)");

        found.ShouldContain(f => f.Type == PhiType.Ssn && f.Value == "999-12-3456" && f.Finding.Confidence < 0.8);
    }

    [Theory]
    [InlineData("NPI 1234567893", "1234567893")]
    [InlineData("prescriber NPI: 1245319599", "1245319599")]
    public void An_NPI_passing_the_Luhn_check_with_the_80840_prefix_is_a_licence_number(string text, string value)
    {
        var found = Scan.Run(text);

        found.ShouldContain(f => f.Type == PhiType.LicenseNumber && f.Value == value && f.Finding.Confidence >= 0.95);
    }

    [Fact]
    public void An_NPI_failing_its_check_digit_is_reported_with_less_confidence()
    {
        var found = Scan.Run("NPI 1234567890");

        found.ShouldContain(f => f.Type == PhiType.LicenseNumber && f.Finding.Confidence < 0.8);
    }

    [Fact]
    public void A_DEA_number_with_a_correct_check_digit_is_found_without_any_cue() =>
        Scan.ShouldFind("Rx signed, AB1234563, refills 2.", PhiType.LicenseNumber, "AB1234563");

    [Fact]
    public void A_DEA_shaped_code_with_a_wrong_check_digit_is_not_found_without_a_cue() =>
        Scan.ShouldNotFind("Rx signed, AB1234564, refills 2.", PhiType.LicenseNumber);

    [Fact]
    public void A_VIN_with_a_correct_check_digit_is_found_without_any_cue() =>
        Scan.ShouldFind("Car 1HGCM82633A004352 parked.", PhiType.VehicleId, "1HGCM82633A004352");

    [Fact]
    public void A_VIN_shaped_code_with_a_wrong_check_digit_is_not_found_without_a_cue() =>
        Scan.ShouldNotFind("Car 1HGCM82643A004352 parked.", PhiType.VehicleId);

    [Fact]
    public void A_licence_plate_after_its_cue_is_a_vehicle_identifier() =>
        Scan.ShouldFind("License plate 7ABC123 seen in lot.", PhiType.VehicleId, "7ABC123");

    [Theory]
    [InlineData("Medicare 1EG4-TE5-MK73 active", "1EG4-TE5-MK73")]
    [InlineData("id 1EG4TE5MK73", "1EG4TE5MK73")]
    public void A_Medicare_beneficiary_identifier_in_MBI_format_is_a_health_plan_id(string text, string value) =>
        Scan.ShouldFind(text, PhiType.HealthPlanId, value);

    [Fact]
    public void An_MBI_shaped_code_using_a_forbidden_letter_is_not_an_MBI() =>
        Scan.ShouldNotFind("code 1SG4-TE5-MK73 queued", PhiType.HealthPlanId); // S is never used in an MBI

    [Fact]
    public void A_member_id_after_its_cue_is_a_health_plan_id() =>
        Scan.ShouldFind("Member ID: XH123456789", PhiType.HealthPlanId, "XH123456789");

    [Theory]
    [InlineData("card 4111 1111 1111 1111 declined", "4111 1111 1111 1111")]
    [InlineData("card 4111-1111-1111-1111 declined", "4111-1111-1111-1111")]
    [InlineData("paid with 4012888888881881.", "4012888888881881")]
    public void A_payment_card_passing_the_Luhn_check_is_an_account_number(string text, string value) =>
        Scan.ShouldFind(text, PhiType.AccountNumber, value);

    [Fact]
    public void A_card_shaped_number_failing_the_Luhn_check_is_not_an_account_number() =>
        Scan.ShouldNotFind("ref 4111 1111 1111 1112 noted", PhiType.AccountNumber);

    [Fact]
    public void An_IBAN_with_a_valid_mod_97_check_is_an_account_number() =>
        Scan.ShouldFind("Wire to DE89 3704 0044 0532 0130 00 today", PhiType.AccountNumber, "DE89 3704 0044 0532 0130 00");

    [Fact]
    public void An_account_number_after_its_cue_is_found() =>
        Scan.ShouldFind("Acct # 88812345 past due", PhiType.AccountNumber, "88812345");

    [Theory]
    [InlineData("MRN: 00123456", "00123456")]
    [InlineData("Medical Record Number A-99812", "A-99812")]
    [InlineData("MR# 5531234", "5531234")]
    public void A_medical_record_number_after_its_cue_is_found(string text, string value) =>
        Scan.ShouldFind(text, PhiType.Mrn, value);

    [Fact]
    public void A_drivers_licence_after_its_cue_is_a_licence_number() =>
        Scan.ShouldFind("driver's license D1234567 expired", PhiType.LicenseNumber, "D1234567");

    [Theory]
    [InlineData("pump serial number SN-48213-AB returned", PhiType.DeviceId, "SN-48213-AB")]
    [InlineData("UDI (01)00643169007222(17)260101 logged", PhiType.DeviceId, "(01)00643169007222(17)260101")]
    [InlineData("fingerprint template ID FP-5804415 stored", PhiType.BiometricId, "FP-5804415")]
    [InlineData("Patient ID: 55120937", PhiType.OtherId, "55120937")]
    public void Identifiers_named_by_their_cue_are_found(string text, PhiType type, string value) =>
        Scan.ShouldFind(text, type, value);

    [Theory]
    [InlineData("call (212) 555-0143 today", "(212) 555-0143")]
    [InlineData("cell 212-555-0143", "212-555-0143")]
    [InlineData("cell 212.555.0143", "212.555.0143")]
    [InlineData("reach me on +1 212 555 0143", "+1 212 555 0143")]
    [InlineData("line 1-800-555-0199 ext. 42", "1-800-555-0199 ext. 42")]
    [InlineData("Desk: +41 (0)96 471 07 95", "+41 (0)96 471 07 95")]
    public void A_telephone_number_is_found(string text, string value) => Scan.ShouldFind(text, PhiType.Phone, value);

    [Theory]
    [InlineData("They're not answering at 785 8949", "785 8949")]
    [InlineData("You can call 33 93 31 after noon", "33 93 31")]
    [InlineData("dial 0348 2102744 for the ward", "0348 2102744")]
    public void A_local_number_after_a_telephone_cue_is_a_telephone_number(string text, string value) =>
        Scan.ShouldFind(text, PhiType.Phone, value);

    [Theory]
    [InlineData("Elm Road 5, Larnaka 92151 06-10446904-Office", PhiType.Phone, "06-10446904")]
    [InlineData("Villa Darwin, Latvia 61 51 81 office +1-203-305-2492", PhiType.Phone, "61 51 81")]
    [InlineData("Seaview 12, Tallinn 455 6186 (mobile)", PhiType.Phone, "455 6186")]
    [InlineData("reports go to 9885 1152-Fax", PhiType.Fax, "9885 1152")]
    public void A_local_number_labelled_after_it_is_a_telephone_or_fax_number(string text, PhiType type, string value) =>
        Scan.ShouldFind(text, type, value);

    [Fact]
    public void A_postal_code_before_a_labelled_number_stays_part_of_the_address()
    {
        var found = Scan.Run("Tanzania 53144 06-10446904-Office");

        found.ShouldContain(f => f.Type == PhiType.Phone && f.Value == "06-10446904");
        found.ShouldNotContain(f => f.Type == PhiType.Phone && f.Value.Contains("53144", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("call back in 10 15 minutes")]
    [InlineData("BP 120 80 at home")]
    [InlineData("ring 12 34 for the nurse station")]
    public void Short_number_runs_near_telephone_words_are_not_telephone_numbers(string text) =>
        Scan.ShouldNotFind(text, PhiType.Phone);

    [Fact]
    public void A_number_after_a_fax_cue_is_a_fax_number() =>
        Scan.ShouldFind("Fax: 212-555-0199", PhiType.Fax, "212-555-0199");

    [Theory]
    [InlineData("from 192.168.1.20 port", PhiType.IpAddress, "192.168.1.20")]
    [InlineData("from 10.0.0.0/8 range", PhiType.IpAddress, "10.0.0.0/8")]
    [InlineData("peer 2001:db8::1 connected", PhiType.IpAddress, "2001:db8::1")]
    [InlineData("peer fe80:0:0:0:202:b3ff:fe1e:8329 connected", PhiType.IpAddress, "fe80:0:0:0:202:b3ff:fe1e:8329")]
    public void An_IP_address_is_found(string text, PhiType type, string value) => Scan.ShouldFind(text, type, value);

    [Theory]
    [InlineData("octet 192.168.1.256 wrong")]
    [InlineData("running version 1.2.3.4 now")]
    [InlineData("build 4.2.0.1 deployed")]
    [InlineData("at 10:22:33 the job ran")]
    public void Numbers_shaped_like_IP_addresses_that_are_not_are_ignored(string text) => Scan.ShouldNotFind(text, PhiType.IpAddress);

    [Theory]
    [InlineData("mail jane.doe+test@example.com now", PhiType.Email, "jane.doe+test@example.com")]
    [InlineData("see https://portal.example.org/p?id=5.", PhiType.Url, "https://portal.example.org/p?id=5")]
    [InlineData("see www.example.com/a today", PhiType.Url, "www.example.com/a")]
    [InlineData("visit mychart.example.org", PhiType.Url, "mychart.example.org")]
    public void Email_addresses_and_URLs_are_found(string text, PhiType type, string value) => Scan.ShouldFind(text, type, value);

    [Theory]
    [InlineData("A 92-year-old woman", "92")]
    [InlineData("she is 101 years old", "101")]
    [InlineData("aged 95, lives alone", "95")]
    [InlineData("90 yo male", "90")]
    public void An_age_over_89_is_found(string text, string value) => Scan.ShouldFind(text, PhiType.AgeOver89, value);

    [Fact]
    public void An_age_of_89_is_not_an_age_over_89() => Scan.ShouldNotFind("An 89-year-old man", PhiType.AgeOver89);
}
