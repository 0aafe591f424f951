namespace Custos.Web.Api;

/// <summary>The REST API under /api/v1: one static Map class per module, thin adapters over the handlers.</summary>
internal static class CustosApi
{
    public static IEndpointRouteBuilder MapCustosApi(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/api/v1").DisableAntiforgery();
        v1.MapOrganizationApi();
        v1.MapApiKeysApi();
        v1.MapAccessGovernanceApi();
        v1.MapPhiApi();
        v1.MapAuditApi();
        v1.MapIncidentsApi();
        v1.MapSafeguardsApi();
        return endpoints;
    }
}
