using Custos.Platform.Authorization;
using Custos.Platform.Identity.Passwords;

namespace Custos.Tests.Platform.Identity;

public sealed class PasswordPolicyTests
{
    private static readonly string[] Organization = ["Brightwater Telehealth, Inc."];

    [Fact]
    public void The_blocklist_holds_at_least_ten_thousand_common_passwords() =>
        CommonPasswords.Count.ShouldBeGreaterThanOrEqualTo(10_000);

    [Theory]
    [InlineData("password1234")]
    [InlineData("PASSWORD1234")]
    [InlineData("qwerty123456")]
    public void A_common_or_breached_password_is_refused_whatever_its_case(string password) =>
        PasswordPolicy.Check(password, "sam@custos.example", []).ShouldContain(e => e.Contains("common or breached", StringComparison.Ordinal));

    [Fact]
    public void Eleven_characters_are_too_few_and_twelve_are_enough() // NIST SP 800-63B 3.1.1.2; Custos asks 12
    {
        PasswordPolicy.Check("eleven chars", null, []).ShouldBeEmpty();
        PasswordPolicy.Check("elevenchars", null, []).Single().ShouldContain("at least 12 characters");
    }

    [Fact]
    public void At_least_64_characters_are_allowed_and_256_is_the_limit()
    {
        PasswordPolicy.Check(string.Concat(Enumerable.Repeat("harbor ", 37))[..256], null, []).ShouldBeEmpty();
        PasswordPolicy.Check(new string('x', 64) + " lantern", null, []).ShouldBeEmpty();
        PasswordPolicy.Check(string.Concat(Enumerable.Repeat("harbor ", 37)) + "x", null, []).Single().ShouldContain("at most 256");
    }

    [Fact]
    public void Spaces_and_any_printable_unicode_are_allowed_but_control_characters_are_not()
    {
        PasswordPolicy.Check("ça me plaît beaucoup 東京", null, []).ShouldBeEmpty();
        PasswordPolicy.Check("quiet harbor\u0007 lantern", null, []).Single().ShouldContain("printable");
    }

    [Fact]
    public void A_password_containing_the_email_name_or_the_organization_name_is_refused()
    {
        PasswordPolicy.Check("priya.raman likes tea", "priya.raman@brightwater.example", []).ShouldContain("Do not use your email name in your password.");
        PasswordPolicy.Check("BRIGHT-WATER rules 2026", null, Organization).ShouldContain("Do not use the organization's name in your password.");
        PasswordPolicy.Check("telehealth forever and ever", null, Organization).ShouldContain("Do not use the organization's name in your password.");
        PasswordPolicy.Check("quiet harbor lantern 42", "priya@brightwater.example", Organization).ShouldBeEmpty();
    }

    [Fact]
    public void The_meter_scores_a_passphrase_above_a_keyboard_walk()
    {
        var walk = PasswordStrength.Estimate("qwertyuiop12", []);
        var phrase = PasswordStrength.Estimate("quiet harbor lantern 42", []);
        walk.Score.ShouldBeLessThan(phrase.Score);
        phrase.Score.ShouldBeGreaterThanOrEqualTo(3);
    }
}

public sealed class RoleCatalogTests
{
    [Fact]
    public void Every_built_in_role_grants_only_permissions_of_the_catalog() =>
        BuiltInRoles.All.SelectMany(r => r.Permissions).ShouldAllBe(p => Permissions.IsKnown(p));

    [Fact]
    public void The_auditor_role_is_read_only() =>
        BuiltInRoles.Find(BuiltInRoles.Auditor)!.IsReadOnly.ShouldBeTrue();

    [Fact]
    public void Only_the_privacy_and_security_officers_can_reveal_incident_phi_by_default() =>
        BuiltInRoles.All.Where(r => r.Permissions.Contains(Permissions.IncidentsPhiRead)).Select(r => r.Name)
            .ShouldBe([BuiltInRoles.PrivacyOfficer, BuiltInRoles.SecurityOfficer], ignoreOrder: true);

    [Fact]
    public void Role_names_are_reserved_case_insensitively() =>
        BuiltInRoles.IsBuiltIn("privacy officer").ShouldBeTrue();
}
