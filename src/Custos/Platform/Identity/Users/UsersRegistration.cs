using Microsoft.Extensions.DependencyInjection;

namespace Custos.Platform.Identity.Users;

public static class UsersRegistration
{
    public static IServiceCollection AddUserAdministration(this IServiceCollection services)
    {
        services.AddScoped<ListUsers>();
        services.AddScoped<CreateUser>();
        services.AddScoped<ActivateAccount>();
        services.AddScoped<DisableUser>();
        services.AddScoped<ResetMfa>();
        services.AddScoped<ChangeUserRoles>();
        return services;
    }
}
