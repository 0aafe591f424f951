using System.Net;
using System.Net.Http.Json;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Http;

public sealed class CustomerPagesTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static object Customer(string name, int window = 30) => new
    {
        name,
        kind = "HealthPlan",
        breachNoticeContact = new { name = "Renee Hall", email = "compliance@plan.example", phone = "+1 206 555 0134", title = (string?)null },
        rightsRequestContact = (object?)null,
        notificationWindowDays = window,
        baaEffectiveOn = (string?)null,
        notes = (string?)null,
    };

    [Fact]
    public async Task The_customer_register_exports_as_csv_with_formulas_neutralised()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        await client.PostAsJsonAsync("/api/v1/organization/customers", Customer("Cascade Family Health Plan"), Ct);
        await client.PostAsJsonAsync("/api/v1/organization/customers", Customer("=HYPERLINK(\"http://evil.example\")"), Ct);

        var response = await client.GetAsync("/organization/customers?handler=Export", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("custos-customers.csv");
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[0].ShouldStartWith("Name,Kind,Breach notice window (days),BAA delegates notices");
        lines.ShouldContain(l => l.StartsWith("Cascade Family Health Plan,Health plan,30,No,Renee Hall", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.StartsWith('=') || l.StartsWith("\"=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_customer_register_exports_as_an_excel_workbook_with_numbers_as_numbers_and_text_never_as_formulas()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        await client.PostAsJsonAsync("/api/v1/organization/customers", Customer("Cascade Family Health Plan", window: 30), Ct);
        await client.PostAsJsonAsync("/api/v1/organization/customers", Customer("=1+1", window: 5), Ct);

        var response = await client.GetAsync("/organization/customers?handler=Export&format=Xlsx", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("custos-customers.xlsx");
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, isEditable: false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        rows.Count.ShouldBe(3);
        var header = rows[0].Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList();
        header[0].ShouldBe("Name");
        header[2].ShouldBe("Breach notice window (days)");
        var cascade = rows.Single(r => r.InnerText.StartsWith("Cascade", StringComparison.Ordinal)).Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
        cascade[2].DataType!.Value.ShouldBe(DocumentFormat.OpenXml.Spreadsheet.CellValues.Number);
        cascade[2].InnerText.ShouldBe("30");
        sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Live_search_returns_only_the_matching_rows_without_the_page_layout()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        await client.PostAsJsonAsync("/api/v1/organization/customers", Customer("Cascade Family Health Plan"), Ct);
        await client.PostAsJsonAsync("/api/v1/organization/customers", Customer("Summit Claims Exchange"), Ct);

        var html = await client.GetStringAsync("/organization/customers?handler=Table&q=summit", Ct);

        html.ShouldContain("Summit Claims Exchange");
        html.ShouldNotContain("Cascade Family Health Plan");
        html.ShouldNotContain("<html");
    }

    [Fact]
    public async Task An_empty_register_says_what_to_do_next()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var html = await client.GetStringAsync("/organization/customers", Ct);

        html.ShouldContain("No customers yet");
        html.ShouldContain("Add the first customer");
    }

    [Fact]
    public async Task The_customer_form_keeps_what_was_typed_and_explains_the_60_day_limit_when_the_window_is_too_long()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        var form = await client.GetStringAsync("/organization/customers/new", Ct);

        var response = await client.PostAsync("/organization/customers/new", Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Name"] = "Riverbend Community Health",
            ["Input.Kind"] = "HealthcareProvider",
            ["Input.NotificationWindowDays"] = "90",
            ["Input.BreachNoticeContact.Name"] = "Tomás Alvarez",
            ["Input.BreachNoticeContact.Email"] = "privacy@riverbend.example",
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("45 CFR 164.410(b) sets 60 days as the limit");
        html.ShouldContain("value=\"Riverbend Community Health\"");
        (await client.GetStringAsync("/organization/customers", Ct)).ShouldContain("No customers yet");
    }
}
