namespace Custos.Phi.Tests.Detection;

/// <summary>Names and geographic subdivisions: 45 CFR 164.514(b)(2)(i)(A) and (B).</summary>
public sealed class NameAddressTests
{
    [Theory]
    [InlineData("Seen by Dr. Alice Wong today.", "Alice Wong")]
    [InlineData("Patient John Smith was admitted.", "John Smith")]
    [InlineData("Discussed with Smith, John A. at bedside.", "Smith, John A")]
    [InlineData("My name is Vanessa P. Hertzog, thanks", "Vanessa P. Hertzog")]
    [InlineData("Her daughter Maria visits.", "Maria")]
    [InlineData("Spoke with Krisztián Szöllösy by phone.", "Krisztián Szöllösy")]
    [InlineData("Mrs. Kelvarossen called back.", "Kelvarossen")]
    public void A_name_is_found(string text, string value) => Scan.ShouldFind(text, PhiType.Name, value);

    [Theory]
    [InlineData("The grant went to Kuznetsova and her lab.", "Kuznetsova")]
    [InlineData("Her thesis cites Gunnarsdóttir twice.", "Gunnarsdóttir")]
    [InlineData("The new wing was designed for Pellervo Virtakallionen last year.", "Pellervo Virtakallionen")]
    [InlineData("Yesterday Borvik T. Ulanski signed the form.", "Borvik T. Ulanski")]
    [InlineData("We still need Quelvar's wife to sign the form.", "Quelvar")]
    [InlineData("Brasko: Where were you last night? Emily: At home.", "Brasko")]
    [InlineData("Please transfer the call to ms. Quorelle today.", "Quorelle")]
    [InlineData("Seen by Dr. April in clinic.", "April")]
    public void A_name_is_found_by_its_shape_or_its_frame(string text, string value) => Scan.ShouldFind(text, PhiType.Name, value);

    [Theory]
    [InlineData("we invited 5: tovar, emily, james, olivia and noah.", "tovar")]
    [InlineData("we invited 5: tovar, emily, james, olivia and noah.", "olivia")]
    [InlineData("please ask for eric j. mandelbrot at the desk", "eric j. mandelbrot")]
    [InlineData("tovar: \"where is the key?\" emily: \"here.\"", "tovar")]
    [InlineData("michael is a very sympathetic person.", "michael")]
    [InlineData("i'm so jealous! said petra to samantha", "samantha")]
    public void A_name_is_found_in_text_written_without_capitals(string text, string value) => Scan.ShouldFind(text, PhiType.Name, value);

    [Theory]
    [InlineData("musicians from around the world came to texas to share the universal language")]
    [InlineData("we'll meet sunday at craig, palmer and quinn, 80 p.o. box 15, uummannaq")]
    [InlineData("and 65 via lagrange 3 lyss, nan 98711")]
    [InlineData("please write to davis ltd. about the invoice")]
    public void A_given_name_alone_in_lower_case_text_is_not_a_name_when_it_is_a_place_a_firm_or_part_of_an_address(string text) =>
        Scan.ShouldNotFind(text, PhiType.Name);

    [Theory]
    [InlineData("Start Vitamin D Therapy today.")]
    [InlineData("Screening for Type A Personality traits.")]
    [InlineData("The shipment left Pskov on time.")]
    [InlineData("Answer: Yes, we ship to Canada.")]
    [InlineData("She ordered Whisky and Linen napkins.")]
    [InlineData("Suite 12  Dolores  Uruguay")]
    [InlineData("Google's address changed in March.")]
    public void Letters_after_designators_English_words_and_towns_before_a_country_are_not_names(string text) => Scan.ShouldNotFind(text, PhiType.Name);

    [Fact]
    public void Names_are_found_in_ALL_CAPS_text() =>
        Scan.ShouldFind("PT MARIA GARCIA SEEN IN CLINIC TODAY.", PhiType.Name, "MARIA GARCIA");

    [Theory]
    [InlineData("Admitted to Mercy Hospital for observation.")]
    [InlineData("Will follow up in May.")]
    [InlineData("History of Parkinson disease and Bell palsy.")]
    [InlineData("MAY RETURN IF PAIN WORSENS. WILL CALL.")]
    public void Facility_words_calendar_words_and_eponyms_are_not_names(string text) => Scan.ShouldNotFind(text, PhiType.Name);

    [Theory]
    [InlineData("lives at 1234 North Oak Street Apt 5B now", "1234 North Oak Street Apt 5B")]
    [InlineData("mail to 12 Elm St., Springfield, IL 62704.", "12 Elm St., Springfield, IL 62704")]
    [InlineData("moved to Salt Lake City, UT 84101 last year", "Salt Lake City, UT 84101")]
    [InlineData("send to P.O. Box 1234 please", "P.O. Box 1234")]
    [InlineData("resident of Cook County since", "Cook County")]
    [InlineData("she lives in Milwaukee with", "Milwaukee")]
    [InlineData("ZIP 60614 only", "60614")]
    public void An_address_or_place_smaller_than_a_State_is_found(string text, string value) =>
        Scan.ShouldFind(text, PhiType.Address, value);

    [Fact]
    public void A_credential_after_a_name_is_not_a_state() =>
        Scan.ShouldNotFind("Signed: John Smith, MD", PhiType.Address);
}
