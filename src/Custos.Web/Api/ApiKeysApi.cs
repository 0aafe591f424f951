using Custos.Platform.Authorization;
using Custos.Platform.Identity.ApiKeys;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custos.Web.Api;

public sealed record RotateApiKeyRequest(int? OverlapHours);

internal static class ApiKeysApi
{
    public static void MapApiKeysApi(this RouteGroupBuilder v1)
    {
        var keys = v1.MapGroup("/keys").WithTags("API keys").RequirePermission(Permissions.KeysManage);
        keys.MapGet("", ListAsync).WithSummary("Every API key with its prefix, scopes, expiry and last use; never a secret.");
        keys.MapPost("", CreateAsync).RequireStepUp()
            .WithSummary("Creates a key with scopes (permissions of the catalog) and an expiry (90 days by default, at most 365); the secret is in this response only.");
        keys.MapPost("/{id:guid}/rotate", RotateAsync).RequireStepUp()
            .WithSummary("Issues a replacement key; the old one keeps working for the overlap (24 hours by default, at most 168).");
        keys.MapDelete("/{id:guid}", RevokeAsync).RequireStepUp()
            .WithSummary("Revokes a key: the next request that presents it is refused.");
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListAsync(ListApiKeys handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(cancellationToken));

    private static async Task<Created<IssuedApiKey>> CreateAsync(
        CreateApiKeyCommand command, CreateApiKey handler, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        var issued = await handler.HandleAsync(command, cancellationToken);
        return TypedResults.Created($"/api/v1/keys/{issued.Key.Id}", issued);
    }

    private static async Task<Ok<IssuedApiKey>> RotateAsync(
        Guid id, RotateApiKeyRequest? request, RotateApiKey handler, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await handler.HandleAsync(new RotateApiKeyCommand(id, request?.OverlapHours), cancellationToken));
    }

    private static async Task<Ok<ApiKeyView>> RevokeAsync(Guid id, RevokeApiKey handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));
}
