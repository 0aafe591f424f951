using System.IO.Compression;
using System.Text.Json;
using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Custos.Tests.Modules.Safeguards.SafeguardsExamples;

namespace Custos.Tests.Modules.Safeguards;

/// <summary>Gap 1 of issue 7: the January 2025 proposed Security Rule profile as a stored organization setting.</summary>
public sealed class CatalogProfileSettingTests
{
    private const string Notice = "Proposed (NPRM Jan 2025), not yet law";
    private const string Mfa = "nprm-2025:multi-factor-authentication";

    [Theory, AllDatabaseProviders]
    public async Task Proposed_requirements_stay_out_until_the_profile_is_switched_on_then_appear_marked_in_their_own_section_and_never_change_readiness(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var before = await PostureAsync(db);
        var proposedCount = HipaaCatalog.Load().InProfile(CatalogProfile.Nprm2025Id).Count;

        var settings = await SwitchAsync(db, true);
        var register = await db.RunAsync<RequirementRegister, RequirementRegisterView>((h, ct) => h.BuildAsync(null, ct));
        await ImplementAsync(db, Mfa);
        await ApproveAsync(db, (await AddNoteAsync(db, Mfa, db.Today, title: "MFA rollout plan")).Id);
        var after = await PostureAsync(db);

        before.Proposed.ShouldBeEmpty();
        settings.Single(s => s.Id == CatalogProfile.Nprm2025Id).Enabled.ShouldBeTrue();
        register.Profiles.ShouldBe([CatalogProfile.Nprm2025Id]);
        register.Proposed.Count.ShouldBe(proposedCount);
        register.Proposed.ShouldAllBe(r => r.ProposedNotice == Notice);
        register.InForce.ShouldAllBe(r => r.ProposedNotice == null);
        after.Applicable.ShouldBe(before.Applicable);
        after.Met.ShouldBe(before.Met);
        after.NotAssessed.ShouldBe(before.NotAssessed);
        after.Families.Select(f => (f.Family, f.Applicable, f.Met)).ShouldBe(before.Families.Select(f => (f.Family, f.Applicable, f.Met)));
        after.Rows.ShouldNotContain(r => r.IsProposed);
        var section = after.Proposed.ShouldHaveSingleItem();
        section.Notice.ShouldBe(Notice);
        section.Applicable.ShouldBe(proposedCount);
        section.Met.ShouldBe(1);
        section.Rows.Single(r => r.Key == Mfa).Compliance.ShouldBe(ComplianceVerdict.Met);
    }

    [Theory, AllDatabaseProviders]
    public async Task Each_switch_is_kept_with_who_and_when_written_to_the_audit_ledger_and_a_past_register_uses_the_setting_of_its_day(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var onDay = db.Today;
        await SwitchAsync(db, true);
        db.Time.Advance(TimeSpan.FromDays(2));
        var settings = await SwitchAsync(db, false);
        var unchanged = await SwitchAsync(db, false);

        var then = await db.RunAsync<RequirementRegister, RequirementRegisterView>((h, ct) => h.BuildAsync(onDay, ct));
        var now = await db.RunAsync<RequirementRegister, RequirementRegisterView>((h, ct) => h.BuildAsync(null, ct));
        var ledger = await db.QueryAsync((ctx, ct) => ctx.Set<AuditEntry>().AsNoTracking().CountAsync(e => e.ResourceType == nameof(CatalogProfileChoice) && e.Action == AuditActions.RecordCreated, ct));

        var nprm = settings.Single(s => s.Id == CatalogProfile.Nprm2025Id);
        nprm.Enabled.ShouldBeFalse();
        nprm.IsProposed.ShouldBeTrue();
        nprm.Notice.ShouldBe(Notice);
        nprm.History.Select(h => h.Enabled).ShouldBe([false, true]);
        nprm.History.ShouldAllBe(h => h.ChangedBy == db.Actor.Actor.DisplayName);
        unchanged.Single(s => s.Id == CatalogProfile.Nprm2025Id).History.Count.ShouldBe(2);
        (await db.CountAsync<CatalogProfileChoice>()).ShouldBe(2);
        ledger.ShouldBe(2);
        then.Proposed.Count.ShouldBeGreaterThan(0);
        now.Proposed.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("base")]
    [InlineData("nprm-2031")]
    public async Task The_base_profile_or_an_unknown_one_is_refused_and_nothing_is_stored(string profile)
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestContext.Current.CancellationToken);

        var refused = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<SetCatalogProfile, IReadOnlyList<CatalogProfileSetting>>((h, ct) => h.HandleAsync(new SetCatalogProfileCommand(profile, true), ct)));

        refused.Errors["ProfileId"].ShouldHaveSingleItem().ShouldContain(profile == "base" ? "always on" : "nprm-2025");
        (await db.CountAsync<CatalogProfileChoice>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task The_auditor_packet_lists_proposed_requirements_marked_in_their_own_section_and_counts_only_the_rules_in_force(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var applicableInForce = (await PostureAsync(db)).Applicable;
        await SwitchAsync(db, true);

        var path = Path.Combine(Path.GetTempPath(), $"custos-packet-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var file = File.Create(path))
            {
                await db.RunAsync<BuildAuditPacket, AuditPacketResult>((h, ct) => h.HandleAsync(db.Today, file, ct));
            }

            using var zip = ZipFile.OpenRead(path);
            using var register = JsonDocument.Parse(zip.GetEntry("register.json")!.Open());
            var summary = new StreamReader(zip.GetEntry("summary.html")!.Open()).ReadToEnd();
            var csv = new StreamReader(zip.GetEntry("register.csv")!.Open()).ReadToEnd();

            register.RootElement.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()).ShouldBe([CatalogProfile.Nprm2025Id]);
            var mfa = register.RootElement.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("key").GetString() == Mfa);
            mfa.GetProperty("proposed").GetBoolean().ShouldBeTrue();
            mfa.GetProperty("proposed_notice").GetString().ShouldBe(Notice);
            summary.ShouldContain($"<h2 class=\"proposed\">{Notice}</h2>");
            summary.ShouldContain($"0 of {applicableInForce} applicable requirements met");
            summary.ShouldContain($"[{Notice}]");
            csv.Split("\r\n").Single(l => l.StartsWith(Mfa, StringComparison.Ordinal)).ShouldEndWith(",\"" + Notice + "\"");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Task<IReadOnlyList<CatalogProfileSetting>> SwitchAsync(TestDatabase db, bool enabled) =>
        db.RunAsync<SetCatalogProfile, IReadOnlyList<CatalogProfileSetting>>((h, ct) => h.HandleAsync(new SetCatalogProfileCommand(CatalogProfile.Nprm2025Id, enabled), ct));

    private static Task<Posture> PostureAsync(TestDatabase db) => db.RunAsync<GetPosture, Posture>((h, ct) => h.HandleAsync(null, ct));
}
