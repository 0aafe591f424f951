using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custos.Modules.Safeguards.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shipped <see cref="RequirementCatalog"/> as a singleton (it is immutable). For the Safeguards
    /// module's registration; the status source stays unregistered here so that the module can add its own, and hosts
    /// fall back to <see cref="NotAssessedStatusSource"/> when none is registered.
    /// </summary>
    public static IServiceCollection AddRequirementCatalog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => HipaaCatalog.Load());
        return services;
    }
}
