using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custos.Web.Api;

public sealed record DesignateOfficerRequest(OfficerRole Role, ContactPerson Person, DateOnly EffectiveOn, string? Note);

internal static class OrganizationApi
{
    public static void MapOrganizationApi(this RouteGroupBuilder v1)
    {
        var organization = v1.MapGroup("/organization").WithTags("Organization");
        organization.MapGet("", GetOrganizationAsync).RequirePermission(Permissions.OrganizationRead)
            .WithSummary("The organization profile with its current Privacy and Security Officers.");
        organization.MapPut("", PutOrganizationAsync).RequirePermission(Permissions.OrganizationManage)
            .WithSummary("Records or corrects the organization profile.");
        organization.MapGet("/officers", GetOfficersAsync).RequirePermission(Permissions.OrganizationRead)
            .WithSummary("Every officer designation, newest first (45 CFR 164.530(a), 164.308(a)(2)).");
        organization.MapPost("/officers", DesignateOfficerAsync).RequirePermission(Permissions.OrganizationManage)
            .WithSummary("Designates a Privacy or Security Officer; the previous designation ends on the new effective date.");

        var customers = organization.MapGroup("/customers").WithTags("Covered-entity customers");
        customers.MapGet("", ListCustomersAsync).RequirePermission(Permissions.OrganizationRead)
            .WithSummary("Covered-entity customers by name; search with q, page with the cursor from the previous page.");
        customers.MapPost("", AddCustomerAsync).RequirePermission(Permissions.OrganizationManage).WithSummary("Records a covered-entity customer and its BAA breach-notice terms.");
        customers.MapGet("/{id:guid}", GetCustomerAsync).RequirePermission(Permissions.OrganizationRead).WithSummary("One customer.");
        customers.MapPut("/{id:guid}", UpdateCustomerAsync).RequirePermission(Permissions.OrganizationManage).WithSummary("Replaces a customer's details.");
        customers.MapDelete("/{id:guid}", RemoveCustomerAsync).RequirePermission(Permissions.OrganizationManage).WithSummary("Removes a customer.");
    }

    private static async Task<Results<Ok<OrganizationOverview>, ProblemHttpResult>> GetOrganizationAsync(
        GetOrganizationProfile handler, CancellationToken cancellationToken)
    {
        var overview = await handler.HandleAsync(cancellationToken);
        if (overview.Profile is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No organization profile yet",
                detail: "The organization profile has not been recorded. Send PUT /api/v1/organization to record it.");
        }

        return TypedResults.Ok(overview);
    }

    private static async Task<Ok<OrganizationProfileView>> PutOrganizationAsync(
        UpdateOrganizationProfileCommand command, UpdateOrganizationProfile handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(command, cancellationToken));

    private static async Task<Ok<IReadOnlyList<OfficerView>>> GetOfficersAsync(
        OfficerRole? role, GetOfficerHistory handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(role, cancellationToken));

    private static async Task<Created<OfficerView>> DesignateOfficerAsync(
        DesignateOfficerRequest request, DesignateOfficer handler, CancellationToken cancellationToken)
    {
        var officer = await handler.HandleAsync(
            new DesignateOfficerCommand(request.Role, request.Person, request.EffectiveOn, request.Note), cancellationToken);
        return TypedResults.Created($"/api/v1/organization/officers?role={officer.Role}", officer);
    }

    private static async Task<Ok<CustomerPage>> ListCustomersAsync(
        string? q, string? cursor, int? limit, ListCustomers handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(new ListCustomersQuery(q, cursor, limit ?? ListCustomers.DefaultLimit), cancellationToken));

    private static async Task<Created<CustomerView>> AddCustomerAsync(
        CustomerDetails details, AddCustomer handler, CancellationToken cancellationToken)
    {
        var customer = await handler.HandleAsync(details, cancellationToken);
        return TypedResults.Created($"/api/v1/organization/customers/{customer.Id}", customer);
    }

    private static async Task<Ok<CustomerView>> GetCustomerAsync(Guid id, GetCustomer handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

    private static async Task<Ok<CustomerView>> UpdateCustomerAsync(
        Guid id, CustomerDetails details, UpdateCustomer handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, details, cancellationToken));

    private static async Task<NoContent> RemoveCustomerAsync(Guid id, RemoveCustomer handler, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
