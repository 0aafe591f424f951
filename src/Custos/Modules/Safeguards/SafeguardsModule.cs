using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custos.Modules.Safeguards;

public static class SafeguardsModule
{
    public static IServiceCollection AddSafeguardsModule(this IServiceCollection services)
    {
        services.AddScoped<IRequirementDirectory, RequirementDirectory>();
        services.RemoveAll<IRequirementStatusSource>();
        services.AddScoped<IRequirementStatusSource, ImplementationStatusSource>();
        services.AddScoped<RequirementRegister>();
        services.AddScoped<UpdateImplementation>();
        services.AddScoped<RecordAddressableDecision>();
        services.AddScoped<AddImplementationLink>();
        services.AddScoped<AddCustomRequirement>();
        services.AddScoped<ImportCustomRequirements>();
        services.AddRequirementCatalog();
        services.AddScoped<GetRequirement>();
        services.AddScoped<GetPosture>();
        services.AddScoped<ListRequirements>();
        services.AddScoped<BuildAuditPacket>();
        services.AddScoped<GetCatalogProfiles>();
        services.AddScoped<SetCatalogProfile>();
        services.AddScoped<CheckCatalogUpgrade>();
        services.AddScoped<GetCatalogUpgradeReports>();
        services.AddScoped<DismissCatalogUpgradeReport>();
        return services;
    }
}
