using System.Globalization;
using Custos.Modules.Evidence;
using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Validation;
using Custos.Web.Exports;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Custos.Web.Api;

public sealed record UpdateImplementationRequest(ImplementationStatus Status, string? NotApplicableReason, string? Owner, string? HowMet, DateOnly? NextReviewOn);

public sealed record RecordDecisionRequest(AddressableDecision Decision, string? Justification, string? AlternativeMeasure, string? NoAlternativeFinding);

public sealed record AddLinkRequest(string Kind, string Target, string Title);

public sealed record ReviewEvidenceRequest(EvidenceReviewAction Action, string? Note);

/// <summary>Requirements, implementations, decisions, evidence and the auditor packet (issue 7, item 6).</summary>
internal static class SafeguardsApi
{
    public static void MapSafeguardsApi(this RouteGroupBuilder v1)
    {
        var requirements = v1.MapGroup("/requirements").WithTags("Requirements");
        requirements.MapGet("", ListAsync).RequirePermission(Permissions.ComplianceRead)
            .WithSummary("The requirement register with implementation status and verdict; filter by rule, family, status, met; page with the cursor.");
        requirements.MapGet("/export", ExportAsync).RequirePermission(Permissions.ComplianceRead)
            .WithSummary("The register as CSV or XLSX (format=csv|xlsx), as of a date.");
        requirements.MapPost("/custom", AddCustomAsync).RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Adds a custom requirement (key custom:<identifier>).");
        requirements.MapPost("/custom/import", ImportCustomAsync).RequirePermission(Permissions.ComplianceManage).Accepts<string>("application/json")
            .WithSummary("Imports the controls of an OSCAL catalog (JSON body) as custom requirements mapped to HIPAA; all or nothing.");
        requirements.MapGet("/{citation}", GetAsync).RequirePermission(Permissions.ComplianceRead)
            .WithSummary("One requirement (URL-encoded citation or custom key) with guidance, implementation, decision, evidence and history.");
        requirements.MapPut("/{citation}/implementation", UpdateAsync).RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Records status, owner, how it is met and the next review; history is kept.");
        requirements.MapPost("/{citation}/decision", DecideAsync).RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Records the 45 CFR 164.306(d)(3) decision for an addressable specification.");
        requirements.MapPost("/{citation}/links", LinkAsync).RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Links the implementation to a policy, risk, monitoring check or other record.");

        var evidence = v1.MapGroup("/evidence").WithTags("Evidence");
        evidence.MapGet("", ListEvidenceAsync).RequirePermission(Permissions.ComplianceRead)
            .WithSummary("Evidence versions, newest first; filter by requirement.");
        evidence.MapPost("", UploadAsync).RequirePermission(Permissions.ComplianceManage).DisableAntiforgery()
            .WithSummary("Adds evidence from a streamed multipart form: fields kind, title, requirement (repeat), effectiveFrom, effectiveUntil, description, url, supersedes, then the file part last.");
        evidence.MapGet("/{id:guid}", GetEvidenceAsync).RequirePermission(Permissions.ComplianceRead).WithSummary("One evidence version.");
        evidence.MapGet("/{id:guid}/file", DownloadAsync).RequirePermission(Permissions.ComplianceRead).WithSummary("The file of an evidence version, streamed.");
        evidence.MapPost("/{id:guid}/review", ReviewAsync).RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Moves the review: submit (draft → in review), approve or reject (in review), expire (approved).");

        v1.MapGet("/audit-packet", PacketAsync).WithTags("Requirements").RequirePermission(Permissions.ComplianceRead)
            .WithSummary("The auditor packet as of a date (zip with manifest, register, evidence files and summary).");
    }

    private static async Task<Ok<RequirementPage>> ListAsync(
        string? rule, RequirementFamily? family, ImplementationStatus? status, bool? met, DateOnly? asOf, string? cursor, int? limit,
        ListRequirements handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(new ListRequirementsQuery(rule, family, status, met, asOf, cursor, limit ?? ListRequirements.DefaultLimit), cancellationToken));

    private static async Task<Ok<RequirementDetail>> GetAsync(string citation, DateOnly? asOf, GetRequirement handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(Uri.UnescapeDataString(citation), asOf, cancellationToken));

    private static async Task<Ok<ImplementationState>> UpdateAsync(string citation, UpdateImplementationRequest request, UpdateImplementation handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(
            new UpdateImplementationCommand(Uri.UnescapeDataString(citation), request.Status, request.NotApplicableReason, request.Owner, request.HowMet, request.NextReviewOn), cancellationToken));

    private static async Task<Ok<ImplementationState>> DecideAsync(string citation, RecordDecisionRequest request, RecordAddressableDecision handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(
            new RecordAddressableDecisionCommand(Uri.UnescapeDataString(citation), request.Decision, request.Justification, request.AlternativeMeasure, request.NoAlternativeFinding), cancellationToken));

    private static async Task<Created<ImplementationLinkView>> LinkAsync(string citation, AddLinkRequest request, AddImplementationLink handler, CancellationToken cancellationToken)
    {
        var link = await handler.HandleAsync(new AddImplementationLinkCommand(Uri.UnescapeDataString(citation), request.Kind, request.Target, request.Title), cancellationToken);
        return TypedResults.Created($"/api/v1/requirements/{Uri.EscapeDataString(link.RequirementKey)}", link);
    }

    private static async Task<Created<CustomRequirementView>> AddCustomAsync(AddCustomRequirementCommand command, AddCustomRequirement handler, CancellationToken cancellationToken)
    {
        var added = await handler.HandleAsync(command, cancellationToken);
        return TypedResults.Created($"/api/v1/requirements/{Uri.EscapeDataString(added.Key)}", added);
    }

    private static async Task<Ok<CustomRequirementImport>> ImportCustomAsync(HttpRequest request, ImportCustomRequirements handler, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var buffer = new char[4 * 1024 * 1024];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (read == buffer.Length)
        {
            throw new InvalidRequestException("oscal", "The OSCAL document is larger than 4 MB; split it into smaller catalogs.");
        }

        return TypedResults.Ok(await handler.HandleAsync(new string(buffer, 0, read), cancellationToken));
    }

    private static async Task<FileContentHttpResult> ExportAsync(string? format, DateOnly? asOf, RequirementRegister register, CancellationToken cancellationToken)
    {
        var kind = (format ?? "csv").Trim().ToLowerInvariant() switch
        {
            "csv" => RegisterFormat.Csv,
            "xlsx" => RegisterFormat.Xlsx,
            _ => throw new InvalidRequestException(nameof(format), $"Export as 'csv' or 'xlsx' (not '{format}')."),
        };
        var view = await register.BuildAsync(asOf, cancellationToken);
        var (content, contentType, fileName) = RegisterExport.Write(ToRegister(view), kind, $"custos-requirements-{view.AsOf:yyyy-MM-dd}");
        return TypedResults.File(content, contentType, fileName);
    }

    internal static Register ToRegister(RequirementRegisterView view) => new(
        "Requirements",
        RegisterCsv.Header,
        RegisterCsv.Rows(view.Rows).Select(r => (IReadOnlyList<object?>)[.. r]).ToList());

    private static async Task<Ok<IReadOnlyList<EvidenceView>>> ListEvidenceAsync(string? requirement, ListEvidence handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(requirement, null, cancellationToken));

    private static async Task<Ok<EvidenceView>> GetEvidenceAsync(Guid id, ListEvidence handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.GetAsync(id, cancellationToken));

    private static async Task<Ok<EvidenceView>> ReviewAsync(Guid id, ReviewEvidenceRequest request, ReviewEvidence handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(new ReviewEvidenceCommand(id, request.Action, request.Note), cancellationToken));

    private static async Task<FileStreamHttpResult> DownloadAsync(Guid id, DownloadEvidenceFile handler, CancellationToken cancellationToken)
    {
        var download = await handler.HandleAsync(id, cancellationToken);
        return TypedResults.File(download.Content, download.ContentType, download.FileName);
    }

    private static async Task<Created<EvidenceView>> UploadAsync(HttpContext context, AddEvidence handler, EvidenceSettings settings, CancellationToken cancellationToken)
    {
        var view = await EvidenceUpload.ReadAsync(context.Request, settings, (command, ct) => handler.HandleAsync(command, ct), cancellationToken);
        return TypedResults.Created($"/api/v1/evidence/{view.Id}", view);
    }

    private static async Task<IResult> PacketAsync(DateOnly? asOf, BuildAuditPacket handler, TimeProvider time, CancellationToken cancellationToken)
    {
        var date = asOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var path = Path.GetTempFileName();
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await handler.HandleAsync(date, file, cancellationToken);
            file.Position = 0;
            return TypedResults.File(file, "application/zip", $"custos-audit-packet-{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}

/// <summary>
/// Reads an evidence upload from a multipart body without buffering it: form fields first, then the file part, whose
/// bytes flow straight into the Files store (and its size limit) as they arrive.
/// </summary>
internal static class EvidenceUpload
{
    /// <summary>Room for the form fields around the file.</summary>
    private const long FieldAllowance = 1024 * 1024;

    public static async Task<EvidenceView> ReadAsync(HttpRequest request, EvidenceSettings settings, Func<AddEvidenceCommand, CancellationToken, Task<EvidenceView>> add, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Past the limit the store refuses the file itself with a clear message; this only bounds the request.
            limit.MaxRequestBodySize = settings.MaxFileBytes + FieldAllowance;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new InvalidRequestException("body", "Send the evidence as multipart/form-data.");
        }

        var fields = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = settings.MaxFileBytes + FieldAllowance };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            if (disposition.IsFileDisposition())
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                var command = Command(fields, EvidenceKind.File) with { Content = section.Body, FileName = fileName, ContentType = section.ContentType };
                return await add(command, cancellationToken);
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            using var text = new StreamReader(section.Body);
            var value = await text.ReadToEndAsync(cancellationToken);
            if (value.Length > 10_000)
            {
                throw new InvalidRequestException(name, "A form field is longer than 10,000 characters.");
            }

            if (!fields.TryGetValue(name, out var values))
            {
                fields[name] = values = [];
            }

            values.Add(value);
        }

        var kind = Field(fields, "kind") is { } k && Enum.TryParse<EvidenceKind>(k, ignoreCase: true, out var parsed) ? parsed : EvidenceKind.Note;
        if (kind == EvidenceKind.File)
        {
            throw new InvalidRequestException("file", "Choose the file to upload (send it as the last part of the form).");
        }

        return await add(Command(fields, kind), cancellationToken);
    }

    private static AddEvidenceCommand Command(Dictionary<string, List<string>> fields, EvidenceKind kind) => new(
        kind,
        Field(fields, "title") ?? string.Empty,
        fields.TryGetValue("requirement", out var keys) ? keys : (fields.TryGetValue("requirements", out var plural) ? plural : []),
        Date(fields, "effectiveFrom") ?? throw new InvalidRequestException("effectiveFrom", "Give the first day the evidence describes (YYYY-MM-DD)."),
        Date(fields, "effectiveUntil"),
        Field(fields, "description"),
        Field(fields, "url"),
        Supersedes: Field(fields, "supersedes") is { } s ? (Guid.TryParse(s, out var id) ? id : throw new InvalidRequestException("supersedes", "Give the id of the version this one replaces.")) : null);

    private static string? Field(Dictionary<string, List<string>> fields, string name) =>
        fields.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    private static DateOnly? Date(Dictionary<string, List<string>> fields, string name) => Field(fields, name) is { } text
        ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidRequestException(name, $"'{text}' is not a date; write it as YYYY-MM-DD.")
        : null;
}
