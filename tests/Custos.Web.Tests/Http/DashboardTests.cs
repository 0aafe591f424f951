using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Http;

public sealed class DashboardTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_organization_sees_the_missing_profile_and_officers_first_with_links_to_fix_them()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var html = await client.GetStringAsync("/", Ct);

        var attention = html[html.IndexOf("Needs attention", StringComparison.Ordinal)..html.IndexOf("Program foundations", StringComparison.Ordinal)];
        attention.IndexOf("Organization profile", StringComparison.Ordinal)
            .ShouldBeLessThan(attention.IndexOf("Security Officer designated", StringComparison.Ordinal));
        attention.ShouldContain("Privacy Officer designated");
        attention.ShouldContain("href=\"/organization/edit\"");
        attention.ShouldContain("45 CFR 164.308(a)(2)");
        html.ShouldContain("0 of 4 in place");
    }

    [Fact]
    public async Task Starting_with_demo_data_shows_a_meaningful_dashboard()
    {
        await using var app = new CustosWebFactory(seedDemo: true);
        var client = await app.CreateAdministratorClientAsync();

        var html = await client.GetStringAsync("/", Ct);

        html.ShouldContain("Brightwater Telehealth, Inc.");
        html.ShouldContain("Elena Sokolova");
        html.ShouldContain("Priya Raman");
        html.ShouldContain("Summit Claims Exchange");
        html.ShouldContain("5 days");
        html.ShouldNotContain("Needs attention");
    }
}
