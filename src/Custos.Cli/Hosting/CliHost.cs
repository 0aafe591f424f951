using Custos.Platform.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custos.Cli.Hosting;

/// <summary>
/// The same configuration sources and keys as the web host (appsettings.json, appsettings.{Environment}.json in the
/// current directory, then environment variables such as ConnectionStrings__Custos) and the same core services,
/// built without a generic host so that a command starts quickly.
/// </summary>
internal static class CliHost
{
    public static IConfiguration BuildConfiguration(IDictionary<string, string?>? overrides)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{EnvironmentName()}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    /// <summary>
    /// A bad database setting throws <see cref="Platform.CustosConfigurationException"/> when
    /// <see cref="Platform.Persistence.DatabaseSettings"/> is first resolved.
    /// </summary>
    public static ServiceProvider BuildServices(IConfiguration configuration, TextWriter stderr)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);

        // The web host's "Logging" section is ignored on purpose: a Development file that turns on EF SQL logging
        // must not flood the terminal.
        services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(LogLevel.Warning)
            .AddProvider(new StandardErrorLoggerProvider(stderr)));

        // Before AddCustosCore, which only adds the system actor when no other is registered.
        services.AddSingleton<ICurrentActor>(OperatorActor.FromEnvironment());
        services.AddCustosCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>As ASP.NET Core resolves it: ASPNETCORE_ENVIRONMENT wins over DOTNET_ENVIRONMENT; Production by default.</summary>
    private static string EnvironmentName()
    {
        foreach (var variable in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return "Production";
    }
}
