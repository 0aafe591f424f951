using Custos.Demo;
using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Demo;

public sealed class SafeguardsDemoTests
{
    [Theory, AllDatabaseProviders]
    public async Task The_demo_posture_is_a_realistic_mix_of_met_unmet_decided_stale_and_overdue(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        await db.RunAsync<DemoSeeder, DemoSeedResult>((seeder, ct) => seeder.SeedAsync(null, ct));
        var posture = await db.RunAsync<GetPosture, Posture>((h, ct) => h.HandleAsync(null, ct));

        posture.Met.ShouldBeGreaterThanOrEqualTo(9);
        posture.Met.ShouldBeLessThan(posture.Applicable);
        posture.StaleEvidence.ShouldBe(1);
        posture.OverdueReviews.ShouldBe(1);
        var rows = posture.Rows.ToDictionary(r => r.Key);
        rows["164.312(a)(2)(iii)"].Compliance.ShouldBe(ComplianceVerdict.Met);
        rows["164.310(a)(2)(ii)"].Compliance.ShouldBe(ComplianceVerdict.Met);
        rows["164.308(a)(5)(ii)(B)"].Why.ShouldContain("no 164.306(d)(3) decision");
        rows["164.308(a)(7)(ii)(A)"].Compliance.ShouldBe(ComplianceVerdict.NotMet);
        rows["164.308(a)(6)(ii)"].Compliance.ShouldBe(ComplianceVerdict.NotMet);
    }
}
