using Custos.Modules.AccessGovernance;
using Custos.Platform.Authorization;
using Custos.Platform.Notifications;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custos.Web.Api;

public sealed record DecideElevationRequest(bool Approve, string? Note);

public sealed record CloseReviewRequest(string Findings);

internal static class AccessGovernanceApi
{
    public static void MapAccessGovernanceApi(this RouteGroupBuilder v1)
    {
        var elevations = v1.MapGroup("/elevations").WithTags("Elevation and break-glass");
        elevations.MapGet("", ListAsync)
            .WithSummary("Your elevation requests and break-glass uses; with scope=AwaitingDecision, OpenReviews or All (elevation.approve), other people's.");
        elevations.MapPost("", RequestAsync).RequirePermission(Permissions.ElevationRequest)
            .WithSummary("Asks for a role for 15 minutes to 8 hours with a justification; someone else holding elevation.approve decides.");
        elevations.MapPost("/{id:guid}/decision", DecideAsync).RequirePermission(Permissions.ElevationApprove)
            .WithSummary("Approves or rejects another person's pending request (never your own).");
        elevations.MapPost("/break-glass", BreakGlassAsync).RequirePermission(Permissions.BreakGlass).RequireStepUp()
            .WithSummary("Emergency access: the role works at once for a bounded time, the Security Officer is notified, a review opens.");
        elevations.MapPost("/{id:guid}/review", CloseReviewAsync).RequirePermission(Permissions.ElevationApprove)
            .WithSummary("Closes the post-use review of another person's break-glass use with findings.");

        v1.MapGet("/notifications", NotificationsAsync).WithTags("Notifications")
            .WithSummary("Your notifications, newest first.");
    }

    private static async Task<Results<Ok<IReadOnlyList<ElevationView>>, ForbidHttpResult>> ListAsync(
        ElevationListScope? scope, HttpContext http, ListElevations handler, CancellationToken cancellationToken)
    {
        var wanted = scope ?? ElevationListScope.Mine;
        if (wanted != ElevationListScope.Mine && !http.User.HasPermission(Permissions.ElevationApprove))
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(await handler.HandleAsync(wanted, cancellationToken));
    }

    private static async Task<Created<ElevationView>> RequestAsync(RequestElevationCommand command, RequestElevation handler, CancellationToken cancellationToken)
    {
        var asked = await handler.HandleAsync(command, cancellationToken);
        return TypedResults.Created($"/api/v1/elevations/{asked.Id}", asked);
    }

    private static async Task<Ok<ElevationView>> DecideAsync(Guid id, DecideElevationRequest request, DecideElevation handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(new DecideElevationCommand(id, request.Approve, request.Note), cancellationToken));

    private static async Task<Created<ElevationView>> BreakGlassAsync(BreakGlassCommand command, BreakGlass handler, CancellationToken cancellationToken)
    {
        var used = await handler.HandleAsync(command, cancellationToken);
        return TypedResults.Created($"/api/v1/elevations/{used.Id}", used);
    }

    private static async Task<Ok<ElevationView>> CloseReviewAsync(Guid id, CloseReviewRequest request, CloseBreakGlassReview handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(new CloseBreakGlassReviewCommand(id, request.Findings), cancellationToken));

    private static async Task<Ok<IReadOnlyList<NotificationView>>> NotificationsAsync(ListMyNotifications handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(cancellationToken));
}
