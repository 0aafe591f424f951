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
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custos.Web.Api;

public sealed record UpdateImplementationRequest(ImplementationStatus Status, string? NotApplicableReason, string? Owner, string? HowMet, DateOnly? NextReviewOn);

public sealed record RecordDecisionRequest(AddressableDecision Decision, string? Justification, string? AlternativeMeasure, string? NoAlternativeFinding);

public sealed record AddLinkRequest(string Kind, string Target, string Title);

public sealed record ReviewEvidenceRequest(EvidenceReviewAction Action, string? Note);

public sealed record SetProfileRequest(bool? Enabled);

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

        var catalog = v1.MapGroup("/catalog").WithTags("Requirements");
        catalog.MapGet("/profiles", ProfilesAsync).RequirePermission(Permissions.ComplianceRead)
            .WithSummary("The optional catalog profiles (the January 2025 proposed Security Rule update, not law) with the organization's setting and its history.");
        catalog.MapPut("/profiles/{id}", SetProfileAsync).RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Switches an optional profile on or off ({\"enabled\": true}); proposed requirements then appear marked as proposed and never count toward readiness.");
        catalog.MapGet("/upgrade-reports", UpgradeReportsAsync).RequirePermission(Permissions.ComplianceRead)
            .WithSummary("What each upgrade of the built-in catalog added, changed and withdrew, and which of those requirements have the organization's implementations or evidence; newest first.");
        catalog.MapPost("/upgrade-reports/{id:guid}/dismiss", DismissUpgradeAsync).RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Hides the report's banner on the compliance page; the report stays readable.");

        v1.MapGet("/audit-packet", PacketAsync).WithTags("Requirements").RequirePermission(Permissions.ComplianceRead)
            .WithSummary("The auditor packet as of a date (zip with manifest, register, evidence files and summary).");
    }

    private static async Task<Ok<IReadOnlyList<CatalogProfileSetting>>> ProfilesAsync(GetCatalogProfiles handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(cancellationToken));

    private static async Task<Ok<IReadOnlyList<CatalogProfileSetting>>> SetProfileAsync(string id, SetProfileRequest request, SetCatalogProfile handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(
            new SetCatalogProfileCommand(id, request.Enabled ?? throw new InvalidRequestException("enabled", "Say whether the profile is on: {\"enabled\": true} or {\"enabled\": false}.")),
            cancellationToken));

    private static async Task<Ok<IReadOnlyList<CatalogUpgradeReport>>> UpgradeReportsAsync(GetCatalogUpgradeReports handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(cancellationToken));

    private static async Task<Ok<CatalogUpgradeReport>> DismissUpgradeAsync(Guid id, DismissCatalogUpgradeReport handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

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
