using Custos.Platform.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Platform.Identity;

public static class IdentityDefaults
{
    // NIST SP 800-63B 3.1.1.2: at least 8 characters (15 where it is the only factor), at least 64 allowed,
    // no composition rules. Custos asks for 12 until MFA is enforced for every account.
    public const int MinimumPasswordLength = 12;
    public const int MaximumPasswordLength = 256;

    /// <summary>Identity's stores and managers, without any web dependency; the web host adds sign-in and cookies.</summary>
    public static IdentityBuilder AddCustosIdentityCore(this IServiceCollection services)
    {
        services.AddScoped<FirstRunSetup>();
        services.AddScoped<Authorization.PermissionResolver>();
        services.AddScoped<Authorization.SaveCustomRole>();
        services.AddScoped<Authorization.DeleteCustomRole>();
        services.AddScoped<Authorization.ListCustomRoles>();
        services.AddScoped<Sessions.SessionStore>();
        services.AddScoped<Mfa.MultiFactor>();
        services.AddScoped<Mfa.SignInGuard>();
        services.AddSingleton<Mfa.DummyPasswordHash>();
        services.AddScoped<Users.IAuthenticationFactorReset, Mfa.RecoveryCodesReset>();
        services.AddScoped<Users.IAuthenticationFactorReset, Mfa.SessionsReset>();

        // OWASP Password Storage Cheat Sheet: PBKDF2-HMAC-SHA512 with 210,000 iterations (Identity's V3 format uses
        // HMAC-SHA512; its default of 100,000 is below the guidance). Older hashes are upgraded at next sign-in.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        return services
            .AddIdentityCore<CustosUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<CustosRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddPasswordValidator<Passwords.PasswordPolicy>();
    }
}
