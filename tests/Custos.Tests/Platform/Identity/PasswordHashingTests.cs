using System.Buffers.Binary;
using Custos.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Identity;

/// <summary>The hosts' password hashing, composed exactly as they compose it (tests elsewhere use a smaller work factor).</summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public void Passwords_are_hashed_with_PBKDF2_HMAC_SHA512_at_the_210000_iterations_OWASP_advises()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCustosIdentityCore();
        using var provider = services.BuildServiceProvider();
        var hasher = provider.GetRequiredService<IPasswordHasher<CustosUser>>();

        var hash = Convert.FromBase64String(hasher.HashPassword(new CustosUser(), "correct horse battery staple"));

        // ASP.NET Core Identity's V3 format: 0x01, PRF (2 = HMAC-SHA512), iteration count, salt length, salt, subkey.
        hash[0].ShouldBe((byte)0x01);
        BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)).ShouldBe(2u);
        BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)).ShouldBe(210_000u);
    }

    [Fact]
    public void A_hash_made_with_fewer_iterations_still_verifies_and_asks_to_be_upgraded()
    {
        var weak = new PasswordHasher<CustosUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCustosIdentityCore();
        using var provider = services.BuildServiceProvider();
        var hasher = provider.GetRequiredService<IPasswordHasher<CustosUser>>();
        var user = new CustosUser();

        hasher.VerifyHashedPassword(user, weak.HashPassword(user, "correct horse battery staple"), "correct horse battery staple")
            .ShouldBe(PasswordVerificationResult.SuccessRehashNeeded);
    }
}
