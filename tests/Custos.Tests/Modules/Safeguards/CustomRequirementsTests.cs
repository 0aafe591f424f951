using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using static Custos.Tests.Modules.Safeguards.SafeguardsExamples;

namespace Custos.Tests.Modules.Safeguards;

public sealed class CustomRequirementsTests
{
    private const string Soc2 = """
        {
          "catalog": {
            "uuid": "6f1c1a8e-2b3d-4c5e-8f70-1a2b3c4d5e6f",
            "metadata": { "title": "SOC 2 excerpt", "last-modified": "2026-01-01T00:00:00Z", "version": "1", "oscal-version": "1.1.2" },
            "controls": [
              { "id": "cc6.1", "title": "Logical access security",
                "props": [ { "name": "hipaa-citation", "value": "45 CFR 164.312(a)(1)" } ],
                "parts": [ { "id": "cc6.1_gdn", "name": "guidance", "prose": "Restrict logical access." } ] }
            ]
          }
        }
        """;

    [Theory, AllDatabaseProviders]
    public async Task An_OSCAL_control_becomes_a_custom_requirement_mapped_to_HIPAA_that_the_register_judges_like_any_other(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var import = await db.RunAsync<ImportCustomRequirements, CustomRequirementImport>((h, ct) => h.HandleAsync(Soc2, ct));

        import.Added.ShouldHaveSingleItem().Key.ShouldBe("custom:cc6.1");
        import.Added[0].Family.ShouldBe(RequirementFamily.Technical);
        import.Mappings.ShouldBe(1);
        var detail = await db.RunAsync<GetRequirement, RequirementDetail>((h, ct) => h.HandleAsync("custom:cc6.1", null, ct));
        detail.Row.RuleName.ShouldBe("custom");
        detail.Row.Compliance.ShouldBe(ComplianceVerdict.NotMet);
        detail.Links.ShouldHaveSingleItem().Target.ShouldBe("164.312(a)(1)");
        await ImplementAsync(db, "custom:cc6.1");
        await ApproveAsync(db, (await AddNoteAsync(db, "custom:cc6.1", db.Today)).Id);
        (await RowAsync(db, "custom:cc6.1")).Compliance.ShouldBe(ComplianceVerdict.Met);
    }

    [Theory, AllDatabaseProviders]
    public async Task Malformed_OSCAL_or_an_unknown_citation_is_refused_with_its_path_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var malformed = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<ImportCustomRequirements, CustomRequirementImport>((h, ct) => h.HandleAsync("{ \"catalog\": ", ct)));
        var unknown = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<ImportCustomRequirements, CustomRequirementImport>((h, ct) =>
            h.HandleAsync(Soc2.Replace("164.312(a)(1)", "164.399(q)", StringComparison.Ordinal), ct)));

        malformed.Errors["oscal"].ShouldNotBeEmpty();
        unknown.Errors["oscal"].ShouldHaveSingleItem().ShouldContain("164.399(q)");
        (await db.CountAsync<CustomRequirement>()).ShouldBe(0);
        (await db.CountAsync<ImplementationLink>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task Importing_the_same_control_twice_is_refused_and_keeps_the_first(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<ImportCustomRequirements, CustomRequirementImport>((h, ct) => h.HandleAsync(Soc2, ct));

        await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<ImportCustomRequirements, CustomRequirementImport>((h, ct) => h.HandleAsync(Soc2, ct)));

        (await db.CountAsync<CustomRequirement>()).ShouldBe(1);
        (await db.CountAsync<ImplementationLink>()).ShouldBe(1);
    }
}
