using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using static Custos.Tests.Modules.Safeguards.SafeguardsExamples;

namespace Custos.Tests.Modules.Safeguards;

public sealed class PostureTests
{
    [Theory, AllDatabaseProviders]
    public async Task A_new_business_associate_has_nothing_met_and_counts_as_not_assessed_only_what_is_assessed_on_its_own(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var before = await db.RunAsync<GetPosture, Posture>((h, ct) => h.HandleAsync(null, ct));
        await ImplementAsync(db, RiskAnalysis, ImplementationStatus.Planned);
        var after = await db.RunAsync<GetPosture, Posture>((h, ct) => h.HandleAsync(null, ct));

        before.Met.ShouldBe(0);
        before.Percent.ShouldBe(0);
        var standardsWithSpecifications = before.Rows.Count(r => r.Kind == RequirementKind.Standard && before.Rows.Any(s => s.ParentKey == r.Key));
        before.NotAssessed.ShouldBe(before.Rows.Count - standardsWithSpecifications);
        after.NotAssessed.ShouldBe(before.NotAssessed - 1);
        before.Families.Single(f => f.Family == RequirementFamily.Technical).Applicable.ShouldBe(12);

        // 45 CFR 164.308(a)(4)(ii)(A) binds health care clearinghouses (covered entities), not a business associate.
        before.Rows.ShouldNotContain(r => r.Key == "164.308(a)(4)(ii)(A)");
    }
}
