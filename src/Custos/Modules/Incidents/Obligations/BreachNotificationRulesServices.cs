using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Custos.Modules.Incidents.Obligations;

public static class BreachNotificationRulesServices
{
    /// <summary>
    /// Registers <see cref="BreachNotificationRules"/> with the State overlays: the embedded data, overridden or
    /// extended by the file named by <c>Custos:Breach:StateLawsFile</c> when set. A bad file is reported as a
    /// configuration error when the rules are first resolved.
    /// </summary>
    public static IServiceCollection AddBreachNotificationRules(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // TryAdd: the CLI and the Incidents module may both call this; the first registration wins.
        services.TryAddSingleton(_ => StateBreachLaws.Load(configuration[StateBreachLaws.FileSettingKey]));
        services.TryAddSingleton(sp => new BreachNotificationRules(sp.GetRequiredService<StateBreachLaws>()));
        return services;
    }
}
