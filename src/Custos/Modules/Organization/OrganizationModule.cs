using Custos.Modules.Organization.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Modules.Organization;

public static class OrganizationModule
{
    public static IServiceCollection AddOrganizationModule(this IServiceCollection services)
    {
        services.AddScoped<GetOrganizationProfile>();
        services.AddScoped<UpdateOrganizationProfile>();
        services.AddScoped<DesignateOfficer>();
        services.AddScoped<GetOfficerHistory>();
        services.AddScoped<ListCustomers>();
        services.AddScoped<GetCustomer>();
        services.AddScoped<AddCustomer>();
        services.AddScoped<UpdateCustomer>();
        services.AddScoped<RemoveCustomer>();
        services.AddScoped<GetSetupStatus>();
        services.AddScoped<SummarizeCustomers>();
        services.AddScoped<Custos.Platform.Identity.Passwords.IPasswordContextWords, OrganizationPasswordWords>();
        services.AddScoped<IOfficerDirectory, OfficerDirectory>();
        services.AddScoped<IOrganizationDirectory, OrganizationDirectory>();
        services.AddScoped<IOrganizationEntityType, OrganizationEntityType>();
        return services;
    }
}
