using Custos.Modules.Incidents;
using Custos.Platform.Authorization;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custos.Web.Api;

/// <summary>Counts per State as JSON: <c>{"counts": {"TX": 530, "OH": 90}, "reason": "..."}</c>.</summary>
public sealed record ReviseAffectedCountsRequest(Dictionary<string, int> Counts, string? Reason);

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
}
