using System.Text.RegularExpressions;
using Custos.Modules.Organization.Contracts;
using Custos.Modules.Safeguards.Catalog;

namespace Custos.Tests.Modules.Safeguards.Catalog;

/// <summary>The shipped catalog as a whole: keys, structure, applicability, profiles and the other two rules.</summary>
public sealed partial class HipaaCatalogTests
{
    private static readonly RequirementCatalog Catalog = HipaaCatalog.Load();

    [Fact]
    public void The_shipped_catalog_loads_with_its_version_and_both_profiles()
    {
        Catalog.Version.ShouldBe("2026.12");
        Catalog.Profiles.Select(p => p.Id).ShouldBe(["base", "nprm-2025"]);
        Catalog.FindProfile("base")!.ActiveByDefault.ShouldBeTrue();
        Catalog.FindProfile("nprm-2025")!.IsProposed.ShouldBeTrue();
        Catalog.FindProfile("nprm-2025")!.ActiveByDefault.ShouldBeFalse();
        ReferenceEquals(HipaaCatalog.Load(), Catalog).ShouldBeTrue("the data is read once");
    }

    [Fact]
    public void Every_key_is_unique_and_every_current_law_key_is_its_citation()
    {
        Catalog.Requirements.Select(r => r.Key).ShouldBeUnique();
        Catalog.Active.ShouldAllBe(r => r.Key == r.Citation);
        Catalog.Active.Select(r => r.Citation).ShouldBeUnique();
        Catalog.Requirements.ShouldAllBe(r => !RequirementKey.IsCustom(r.Key));
    }

    [Fact]
    public void Standards_have_no_flag_and_every_specification_has_one_and_a_standard_of_its_own_rule_as_parent()
    {
        foreach (var requirement in Catalog.Requirements)
        {
            if (requirement.IsStandard)
            {
                requirement.Required.ShouldBeNull(requirement.Key);
                requirement.ParentCitation.ShouldBeNull(requirement.Key);
            }
            else
            {
                requirement.Required.ShouldNotBeNull(requirement.Key);
                var parent = Catalog.Get(requirement.ParentCitation!);
                parent.IsStandard.ShouldBeTrue(requirement.Key);
                parent.Rule.ShouldBe(requirement.Rule, requirement.Key);
            }
        }
    }

    [Fact]
    public void Only_Security_Rule_specifications_can_be_addressable()
    {
        // 45 CFR 164.306(d): Required/Addressable is a Security Rule notion; Subparts D and E specifications are mandatory.
        Catalog.Requirements.Where(r => r.IsAddressable).ShouldAllBe(r => r.Rule == RequirementRule.Security);
        Catalog.Requirements.Count(r => r.IsAddressable).ShouldBe(22);
    }

    [Fact]
    public void Every_requirement_has_guidance_evidence_a_freshness_cadence_and_at_least_one_entity_type()
    {
        foreach (var requirement in Catalog.Requirements)
        {
            requirement.Guidance.Length.ShouldBeGreaterThan(60, requirement.Key);
            SentenceEnd().Count(requirement.Guidance).ShouldBeInRange(2, 4, $"{requirement.Key}: guidance is 2 to 4 sentences");
            requirement.TypicalEvidence.ShouldNotBeEmpty(requirement.Key);
            requirement.EvidenceFreshnessDays.ShouldBeInRange(1, 1095, requirement.Key);
            requirement.AppliesTo.ShouldNotBeEmpty(requirement.Key);
        }
    }

    [Theory]
    [InlineData("164.308", RequirementFamily.Administrative)]
    [InlineData("164.310", RequirementFamily.Physical)]
    [InlineData("164.312", RequirementFamily.Technical)]
    [InlineData("164.314", RequirementFamily.Organizational)]
    [InlineData("164.316", RequirementFamily.Documentation)]
    public void Security_Rule_sections_fall_in_their_family(string section, RequirementFamily family)
    {
        Catalog.Active.Where(r => r.Section == section).ShouldAllBe(r => r.Family == family);
    }

    [Fact]
    public void The_Breach_Notification_Rule_is_covered_from_164_402_to_164_414()
    {
        var breach = Catalog.Active.Where(r => r.Rule == RequirementRule.Breach).ToList();

        breach.Select(r => r.Section).Distinct().ShouldBe(["164.402", "164.404", "164.406", "164.408", "164.410", "164.412", "164.414"]);
        breach.ShouldAllBe(r => r.Family == RequirementFamily.BreachNotification);
        Catalog.Get("164.414(a)").RelatedCitations.ShouldContain("164.530(j)");
    }

    [Fact]
    public void The_Privacy_Rule_requirements_of_the_issue_are_present()
    {
        string[] expected =
        [
            "164.502(b)", "164.504(e)", "164.514(a)", "164.514(b)", "164.514(c)", "164.514(d)", "164.514(e)", "164.520(a)",
            "164.522(a)", "164.522(b)", "164.524(a)", "164.526(a)", "164.528(a)",
            "164.530(a)", "164.530(b)", "164.530(c)", "164.530(d)", "164.530(e)", "164.530(f)", "164.530(g)",
            "164.530(h)", "164.530(i)", "164.530(j)",
        ];

        foreach (var citation in expected)
        {
            Catalog.Find(citation).ShouldNotBeNull(citation);
            Catalog.Get(citation).Rule.ShouldBe(RequirementRule.Privacy, citation);
        }
    }

    [Fact]
    public void The_notice_of_privacy_practices_binds_covered_entities_only()
    {
        // 45 CFR 164.520(a): the notice is the covered entity's; a business associate follows the covered entity's.
        foreach (var requirement in Catalog.Active.Where(r => r.Section == "164.520"))
        {
            requirement.AppliesTo.ShouldBe([EntityType.CoveredEntity, EntityType.HybridEntity], requirement.Key);
        }

        Catalog.ApplicableTo(EntityType.BusinessAssociate).ShouldNotContain(r => r.Section == "164.520");
        Catalog.ApplicableTo(EntityType.CoveredEntity).ShouldContain(r => r.Key == "164.520(a)");
    }

    [Fact]
    public void Business_associate_notice_to_the_covered_entity_binds_business_associates_and_subcontractors_only()
    {
        // 45 CFR 164.410(a) for business associates; 164.404-164.408 for covered entities.
        Catalog.Get("164.410(a)").AppliesTo.ShouldBe([EntityType.BusinessAssociate, EntityType.SubcontractorBusinessAssociate]);
        Catalog.Get("164.404(a)").AppliesTo.ShouldBe([EntityType.CoveredEntity, EntityType.HybridEntity]);
        Catalog.Get("164.408(a)").AppliesTo.ShouldNotContain(EntityType.BusinessAssociate);
    }

    [Fact]
    public void The_administrative_requirements_of_164_530_bind_covered_entities_not_business_associates()
    {
        Catalog.Active.Where(r => r.Section == "164.530").ShouldAllBe(r => !r.AppliesToEntity(EntityType.BusinessAssociate));
        Catalog.Get("164.105(a)").AppliesTo.ShouldBe([EntityType.HybridEntity]);
    }

    [Fact]
    public void Every_Security_Rule_standard_binds_a_business_associate_except_those_of_covered_entities_alone()
    {
        // 45 CFR 164.302: the Security Rule applies to covered entities and business associates alike; group health
        // plans (164.314(b)) and clearinghouse isolation (164.308(a)(4)(ii)(A)) exist only on the covered-entity side.
        string[] coveredEntityOnly = ["164.308(a)(4)(ii)(A)", "164.314(b)(1)", "164.314(b)(2)"];

        var notForBusinessAssociates = Catalog.Active
            .Where(r => r.Rule == RequirementRule.Security && !r.AppliesToEntity(EntityType.BusinessAssociate))
            .Select(r => r.Key);

        notForBusinessAssociates.ShouldBe(coveredEntityOnly);
    }

    [Fact]
    public void The_2025_proposal_is_a_separate_profile_marked_proposed_and_off_by_default()
    {
        var proposed = Catalog.InProfile(CatalogProfile.Nprm2025Id);

        proposed.Count.ShouldBe(17);
        proposed.ShouldAllBe(r => r.IsProposed && r.Key.StartsWith("nprm-2025:") && r.Guidance.StartsWith("Proposed, not law."));
        Catalog.Active.ShouldAllBe(r => !r.IsProposed);
        Catalog.ForProfiles([CatalogProfile.Nprm2025Id]).Count.ShouldBe(Catalog.Active.Count + 17);
        foreach (var citation in proposed.SelectMany(r => r.RelatedCitations))
        {
            (Catalog.Find(citation) is not null || Catalog.Requirements.Any(r => citation.StartsWith(r.Section, StringComparison.Ordinal)))
                .ShouldBeTrue($"{citation} names a current requirement or section");
        }
    }

    [Fact]
    public void An_unknown_profile_is_refused_with_the_known_ones()
    {
        var ex = Should.Throw<KeyNotFoundException>(() => Catalog.ForProfiles(["nprm-2031"]));

        ex.Message.ShouldContain("base, nprm-2025");
    }

    [Theory]
    [InlineData("custom:soc2-cc6.1", true)]
    [InlineData("custom:", false)]
    [InlineData("custom:has space", false)]
    [InlineData("164.308(a)(1)(i)", false)]
    [InlineData("nprm-2025:encryption", false)]
    public void Custom_keys_are_recognised_by_their_prefix(string key, bool valid)
    {
        RequirementKey.IsValidCustom(key).ShouldBe(valid);
        RequirementKey.IsCustom(key).ShouldBe(key.StartsWith("custom:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_key_is_made_from_an_identifier_and_refuses_one_with_forbidden_characters()
    {
        RequirementKey.ForCustom("soc2-cc6.1").ShouldBe("custom:soc2-cc6.1");
        RequirementKey.ForCustom("custom:ac-2").ShouldBe("custom:ac-2");
        Should.Throw<ArgumentException>(() => RequirementKey.ForCustom("a/b"));
    }

    [GeneratedRegex(@"[.!?](\s|$)")]
    private static partial Regex SentenceEnd();
}
