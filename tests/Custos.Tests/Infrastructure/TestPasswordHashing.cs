using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Infrastructure;

/// <summary>
/// The same PBKDF2 hasher with a smaller work factor: tests create and sign in hundreds of accounts, and 210,000
/// iterations cost a tenth of a second of CPU each time. The production figure is asserted by
/// PasswordHashingTests; hashes made here are still verified by the real hasher.
/// </summary>
internal static class TestPasswordHashing
{
    public const int Iterations = 1_000;

    public static void Apply(IServiceCollection services) =>
        services.PostConfigure<PasswordHasherOptions>(options => options.IterationCount = Iterations);
}
