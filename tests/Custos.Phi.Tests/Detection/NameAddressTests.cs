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
