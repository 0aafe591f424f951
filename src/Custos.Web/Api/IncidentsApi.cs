using Custos.Modules.Incidents;
using Custos.Platform.Authorization;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custos.Web.Api;

/// <summary>Counts per State as JSON: <c>{"counts": {"TX": 530, "OH": 90}, "reason": "..."}</c>.</summary>
public sealed record ReviseAffectedCountsRequest(Dictionary<string, int> Counts, string? Reason);

/// <summary>The new owner: the id of an enabled account (see GET /api/v1/incidents/owner-candidates), or null for nobody.</summary>
public sealed record AssignIncidentOwnerRequest(Guid? OwnerId);

internal static class IncidentsApi
{
    public static void MapIncidentsApi(this RouteGroupBuilder v1)
    {
        var incidents = v1.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapGet("", ListAsync).RequirePermission(Permissions.IncidentsRead)
            .WithSummary("Incidents, newest first; filter with q, status, severity, open; page with the cursor of the previous page.");
        incidents.MapPost("", ReportAsync).RequirePermission(Permissions.IncidentsReport)
            .WithSummary("Reports an incident; the report time is recorded exactly and high severity notifies the officers.");
        incidents.MapGet("/{id:guid}", GetAsync).RequirePermission(Permissions.IncidentsRead)
            .WithSummary("One case. Its PHI details (sensitive) are included only for callers with incidents.phi.read.");
        incidents.MapGet("/{id:guid}/obligations", ObligationsAsync).RequirePermission(Permissions.IncidentsRead)
            .WithSummary("The notices the case requires (recipient, jurisdiction, dueDate, basis, reasoning, status), from the shared rule set.");
        incidents.MapPost("/{id:guid}/obligations", RecordObligationAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Records that a notice was sent (date, method, reference) or is not required.");
        incidents.MapPost("/{id:guid}/status", StatusAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Moves the case to another status by the allowed transitions.");
        incidents.MapPost("/{id:guid}/affected-counts", CountsAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Records a new revision of the individuals affected per State.");
        incidents.MapPost("/{id:guid}/assessments", AssessAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Writes a new version of the 164.402 breach assessment for the Privacy Officer's sign-off.");
        incidents.MapPut("/{id:guid}/facts", FactsAsync).RequirePermission(Permissions.IncidentsManage).ProducesValidationProblem()
            .WithSummary("Replaces the case's non-PHI facts (kind, dates, PHI types, affected covered entities, agent status, Secretary-form fields); the obligations are recomputed from them.");
        incidents.MapPut("/{id:guid}/details", DetailsAsync).RequirePermission(Permissions.IncidentsManage).RequirePermission(Permissions.IncidentsPhiRead).ProducesValidationProblem()
            .WithSummary("Replaces the encrypted details (description, PHI specifics, affected-person list); needs incidents.phi.read as well as incidents.manage.");
        incidents.MapGet("/owner-candidates", OwnerCandidatesAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("The enabled accounts a case can be given to, by name.");
        incidents.MapPost("/{id:guid}/owner", OwnerAsync).RequirePermission(Permissions.IncidentsManage).ProducesValidationProblem()
            .WithSummary("Gives the case to an enabled account (ownerId), or to nobody (null); the new owner is told in-app.");
        incidents.MapPost("/{id:guid}/law-enforcement-delay", DelayAsync).RequirePermission(Permissions.IncidentsManage).ProducesValidationProblem()
            .WithSummary("Records a law-enforcement delay of notices (45 CFR 164.412): written with an end date, or oral with the official (at most 30 days); the due dates move.");
        incidents.MapDelete("/{id:guid}/law-enforcement-delay", RemoveDelayAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("Removes the law-enforcement delay; the due dates move back.");
        incidents.MapPost("/assessments/{id:guid}/sign-off", SignOffAsync).RequirePermission(Permissions.IncidentsManage)
            .WithSummary("The Privacy Officer signs off an assessment written by someone else.");
    }

    private static async Task<Ok<IncidentPage>> ListAsync(
        string? q, Custos.Modules.Incidents.Contracts.IncidentStatus? status, Custos.Modules.Incidents.Contracts.IncidentSeverity? severity, bool? open,
        string? cursor, int? limit, ListIncidents handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(new ListIncidentsQuery(q, status, severity, open, cursor, limit ?? ListIncidents.DefaultLimit), cancellationToken));

    private static async Task<Created<IncidentReceipt>> ReportAsync(ReportIncidentCommand command, ReportIncident handler, CancellationToken cancellationToken)
    {
        var receipt = await handler.HandleAsync(command, cancellationToken);
        return TypedResults.Created($"/api/v1/incidents/{receipt.Id}", receipt);
    }

    private static async Task<Ok<IncidentCaseView>> GetAsync(Guid id, HttpContext http, GetIncident handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, http.User.HasPermission(Permissions.IncidentsPhiRead), cancellationToken));

    private static async Task<Ok<IReadOnlyList<IncidentObligationView>>> ObligationsAsync(Guid id, GetIncidentObligations handler, CancellationToken cancellationToken) =>
        TypedResults.Ok((await handler.HandleAsync(id, cancellationToken)).Obligations);

    private static async Task<Ok<IncidentObligationView>> RecordObligationAsync(
        Guid id, RecordObligationStatusCommand command, RecordObligationStatus handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, command, cancellationToken));

    private static async Task<Ok<IncidentSummaryView>> StatusAsync(Guid id, ChangeIncidentStatusCommand command, ChangeIncidentStatus handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, command, cancellationToken));

    private static async Task<Ok<AffectedCountsView>> CountsAsync(Guid id, ReviseAffectedCountsRequest request, ReviseAffectedCounts handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, new ReviseAffectedCountsCommand(request.Counts, request.Reason), cancellationToken));

    private static async Task<Created<BreachAssessmentView>> AssessAsync(Guid id, RecordBreachAssessmentCommand command, RecordBreachAssessment handler, CancellationToken cancellationToken)
    {
        var assessment = await handler.HandleAsync(id, command, cancellationToken);
        return TypedResults.Created($"/api/v1/incidents/{id}", assessment);
    }

    private static async Task<Ok<BreachAssessmentView>> SignOffAsync(Guid id, SignOffBreachAssessment handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

    private static async Task<Ok<IncidentSummaryView>> FactsAsync(Guid id, UpdateIncidentFactsCommand command, UpdateIncidentFacts handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, command, cancellationToken));

    private static async Task<NoContent> DetailsAsync(Guid id, UpdateIncidentDetailsCommand command, UpdateIncidentDetails handler, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(id, command, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<IncidentOwnerCandidate>>> OwnerCandidatesAsync(ListIncidentOwnerCandidates handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(cancellationToken));

    private static async Task<Ok<IncidentSummaryView>> OwnerAsync(Guid id, AssignIncidentOwnerRequest request, AssignIncidentOwner handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, new AssignIncidentOwnerCommand(request.OwnerId), cancellationToken));

    private static async Task<NoContent> DelayAsync(Guid id, RecordLawEnforcementDelayCommand command, RecordLawEnforcementDelay handler, CancellationToken cancellationToken)
    {
        if (command.Statement is null)
        {
            throw new InvalidRequestException(nameof(command.Statement), "Choose written or oral; to remove the delay, send DELETE.");
        }

        await handler.HandleAsync(id, command, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveDelayAsync(Guid id, RecordLawEnforcementDelay handler, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(id, new RecordLawEnforcementDelayCommand(null, null, null, null), cancellationToken);
        return TypedResults.NoContent();
    }
}
