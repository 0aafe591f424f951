using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Modules.Evidence;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Custos.Web.Tests.Compliance;

/// <summary>
/// Gaps 4 and 5 of issue 7: the evidence size limit and the empty-file rule over HTTP, through the API and through the
/// page's form, which is now streamed like the API (antiforgery token first, file last).
/// </summary>
public sealed class EvidenceUploadHttpTests
{
    private const string RiskAnalysis = "164.308(a)(1)(ii)(A)";
    private const int Limit = 1024;
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly string PageLink = "/compliance/requirement?key=" + Uri.EscapeDataString(RiskAnalysis);
    private static readonly string UploadLink = "/compliance/evidence/upload?key=" + Uri.EscapeDataString(RiskAnalysis);

    [Fact]
    public async Task Over_the_API_a_file_larger_than_the_configured_limit_is_refused_with_problem_details_and_nothing_is_stored()
    {
        await using var app = SmallLimit();
        var client = await ManagerAsync(app);
        using var form = ApiForm(new byte[Limit + 1], "risk-analysis.pdf");

        var response = await client.PostAsync("/api/v1/evidence", form, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        problem["errors"]!["file"]![0]!.GetValue<string>().ShouldBe($"The file is larger than the limit of {Limit} bytes. Split it, compress it, or ask the administrator to raise the limit.");
        await NothingStoredAsync(app, client);
    }

    [Fact]
    public async Task Over_the_API_a_file_exactly_at_the_limit_is_accepted()
    {
        await using var app = SmallLimit();
        var client = await ManagerAsync(app);
        using var form = ApiForm(Enumerable.Repeat((byte)'a', Limit).ToArray(), "risk-analysis.txt");

        var response = await client.PostAsync("/api/v1/evidence", form, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await BlobCountAsync(app)).ShouldBe(1);
    }

    [Fact]
    public async Task Over_the_page_a_file_larger_than_the_limit_is_refused_next_to_the_file_field_and_nothing_is_stored()
    {
        await using var app = SmallLimit();
        var client = await ManagerAsync(app);
        var page = await client.GetStringAsync(PageLink, Ct);
        page.ShouldContain("File (up to 1024 bytes)");

        using var form = PageForm(page, "Risk analysis 2026", new byte[Limit * 4]);
        var response = await client.PostAsync(UploadLink, form, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("nothing was saved");
        html.ShouldContain("<a href=\"#upload-file\">The file is larger than the limit of 1024 bytes.");
        html.ShouldContain("value=\"Risk analysis 2026\"");
        await NothingStoredAsync(app, client);
    }

    [Fact]
    public async Task Over_the_page_an_empty_file_is_refused_and_nothing_is_stored()
    {
        await using var app = SmallLimit();
        var client = await ManagerAsync(app);
        var page = await client.GetStringAsync(PageLink, Ct);

        using var form = PageForm(page, "Empty", [], fileName: "empty.pdf");
        var response = await client.PostAsync(UploadLink, form, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("The file is empty. Choose a file that holds the evidence.");
        await NothingStoredAsync(app, client);
    }

    [Fact]
    public async Task The_page_streams_a_file_into_storage_and_returns_to_the_requirement_with_the_file_downloadable_unchanged()
    {
        await using var app = SmallLimit();
        var client = await ManagerAsync(app);
        var page = await client.GetStringAsync(PageLink, Ct);
        var bytes = "%PDF-1.4 risk analysis signed by leadership"u8.ToArray();

        using var form = PageForm(page, "Risk analysis 2026", bytes);
        var response = await client.PostAsync(UploadLink, form, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(PageLink);
        var evidence = (await client.GetFromJsonAsync<JsonArray>("/api/v1/evidence", Ct))!.ShouldHaveSingleItem()!;
        evidence["title"]!.GetValue<string>().ShouldBe("Risk analysis 2026");
        evidence["requirementKeys"]![0]!.GetValue<string>().ShouldBe(RiskAnalysis);
        (await client.GetByteArrayAsync($"/api/v1/evidence/{evidence["id"]!.GetValue<Guid>()}/file", Ct)).ShouldBe(bytes);
        (await client.GetStringAsync(PageLink, Ct)).ShouldContain("Evidence added as a draft");
    }

    [Fact]
    public async Task The_page_adds_a_note_when_no_file_is_chosen()
    {
        await using var app = SmallLimit();
        var client = await ManagerAsync(app);
        var page = await client.GetStringAsync(PageLink, Ct);

        using var form = PageForm(page, "Sign-off", [], fileName: string.Empty, description: "Signed by the board on 2026-02-27.");
        var response = await client.PostAsync(UploadLink, form, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var evidence = (await client.GetFromJsonAsync<JsonArray>("/api/v1/evidence", Ct))!.ShouldHaveSingleItem()!;
        evidence["kind"]!.GetValue<string>().ShouldBe("Note");
        (await BlobCountAsync(app)).ShouldBe(0);
    }

    [Fact]
    public async Task A_page_upload_whose_first_field_is_not_a_valid_antiforgery_token_is_refused_before_the_file_is_read()
    {
        await using var app = SmallLimit();
        var client = await ManagerAsync(app);
        var page = await client.GetStringAsync(PageLink, Ct);

        using var missing = PageForm(page, "Risk analysis 2026", "content"u8.ToArray(), token: null);
        using var forged = PageForm(page, "Risk analysis 2026", "content"u8.ToArray(), token: "CfDJ8forged");
        var withoutToken = await client.PostAsync(UploadLink, missing, Ct);
        var withForgedToken = await client.PostAsync(UploadLink, forged, Ct);

        withoutToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        withForgedToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await NothingStoredAsync(app, client);
    }

    [Fact]
    public async Task A_user_who_may_only_read_compliance_cannot_upload_through_the_page()
    {
        await using var app = SmallLimit();
        await app.CreateAdministratorClientAsync();
        var (client, _) = await app.SignInAsNewUserAsync("engineer@custos.example", BuiltInRoles.Engineer);
        var page = await client.GetStringAsync(PageLink, Ct);
        page.ShouldNotContain("Add evidence</button>");

        using var form = PageForm(page, "Risk analysis 2026", "content"u8.ToArray(), token: "CfDJ8forged");
        var response = await client.PostAsync(UploadLink, form, Ct);

        response.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        (await BlobCountAsync(app)).ShouldBe(0);
    }

    private static CustosWebFactory SmallLimit()
    {
        var app = new CustosWebFactory();
        app.Settings[EvidenceSettings.MaxFileBytesKey] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return app;
    }

    private static async Task<HttpClient> ManagerAsync(CustosWebFactory app)
    {
        await app.CreateAdministratorClientAsync();
        return (await app.SignInAsNewUserAsync("compliance@custos.example", BuiltInRoles.ComplianceManager)).Client;
    }

    /// <summary>A file evidence upload to POST /api/v1/evidence for the risk-analysis requirement.</summary>
    private static MultipartFormDataContent ApiForm(byte[] file, string fileName) => new()
    {
        { new StringContent("File"), "kind" },
        { new StringContent("Risk analysis 2026"), "title" },
        { new StringContent(RiskAnalysis), "requirement" },
        { new StringContent("2026-02-27"), "effectiveFrom" },
        { new ByteArrayContent(file), "file", fileName },
    };

    /// <summary>The form as a browser sends it: the antiforgery token first, the file last.</summary>
    private static MultipartFormDataContent PageForm(string page, string title, byte[] file, string fileName = "risk-analysis.pdf", string? description = null, string? token = "")
    {
        var form = new MultipartFormDataContent();
        if (token is not null)
        {
            form.Add(new StringContent(token.Length == 0 ? Forms.AntiforgeryToken(page) : token), "__RequestVerificationToken");
        }

        form.Add(new StringContent(title), "title");
        form.Add(new StringContent(string.Empty), "url");
        form.Add(new StringContent(description ?? string.Empty), "description");
        form.Add(new StringContent(string.Empty), "supersedes");
        form.Add(new StringContent("2026-02-27"), "effectiveFrom");
        form.Add(new StringContent(string.Empty), "effectiveUntil");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.Length == 0 ? "application/octet-stream" : "application/pdf");

        // As a browser sends it: filename="" when no file was chosen.
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = $"\"{fileName}\"" };
        form.Add(content);
        return form;
    }

    private static async Task NothingStoredAsync(CustosWebFactory app, HttpClient client)
    {
        (await client.GetFromJsonAsync<JsonArray>("/api/v1/evidence", Ct))!.Count.ShouldBe(0);
        (await BlobCountAsync(app)).ShouldBe(0);
        var files = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "files");
        (Directory.Exists(files) ? Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories).ToList() : []).ShouldBeEmpty();
    }

    private static async Task<long> BlobCountAsync(CustosWebFactory app)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM platform_file_blobs";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
