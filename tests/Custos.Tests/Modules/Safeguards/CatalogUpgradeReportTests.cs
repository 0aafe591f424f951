using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Catalog;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custos.Tests.Modules.Safeguards.SafeguardsExamples;

namespace Custos.Tests.Modules.Safeguards;

/// <summary>Gap 2 of issue 7: an upgrade of the built-in catalog is reported, and the organization's records are untouched.</summary>
public sealed class CatalogUpgradeReportTests
{
    private const string NewKey = "164.312(f)";

    [Theory, AllDatabaseProviders]
    public async Task The_first_run_only_keeps_the_catalog_version_and_an_unchanged_catalog_reports_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var first = await CheckAsync(db, HipaaCatalog.Load());
        var second = await CheckAsync(db, HipaaCatalog.Load());

        first.ShouldBeNull();
        second.ShouldBeNull();
        (await db.QueryAsync((ctx, ct) => ctx.Set<CatalogState>().Select(s => s.Version).SingleAsync(ct))).ShouldBe(HipaaCatalog.Load().Version);
        (await db.CountAsync<CatalogUpgrade>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_upgrade_to_a_new_version_reports_added_changed_and_withdrawn_requirements_with_the_organizations_records_and_changes_none_of_them(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await CheckAsync(db, HipaaCatalog.Load());
        await ImplementAsync(db, RiskAnalysis);
        await AddNoteAsync(db, RiskAnalysis, db.Today);
        await DecideAsync(db, Encryption, Custos.Modules.Safeguards.Contracts.AddressableDecision.Implemented, "Reasonable for laptops.");
        await AddNoteAsync(db, Encryption, db.Today, title: "Disk encryption report");
        var recordsBefore = await RecordsAsync(db);
        var next = NextVersion();
        db.Time.Advance(TimeSpan.FromDays(30));

        var report = (await CheckAsync(db, next)).ShouldNotBeNull();
        var again = await CheckAsync(db, next);

        report.FromVersion.ShouldBe(HipaaCatalog.Load().Version);
        report.ToVersion.ShouldBe("2099.01");
        report.DetectedAt.ShouldBe(db.Time.GetUtcNow());
        var added = report.Added.ShouldHaveSingleItem();
        added.Key.ShouldBe(NewKey);
        added.HasOrganizationRecords.ShouldBeFalse();
        var retitled = report.Changed.ShouldHaveSingleItem();
        retitled.Key.ShouldBe(RiskAnalysis);
        retitled.Title.ShouldBe("Written risk analysis");
        retitled.PreviousTitle.ShouldBe("Risk analysis");
        retitled.Changes.ShouldBe(["title", "guidance"]);
        retitled.HasImplementation.ShouldBeTrue();
        retitled.EvidenceCount.ShouldBe(1);
        var withdrawn = report.Withdrawn.ShouldHaveSingleItem();
        withdrawn.Key.ShouldBe(Encryption);
        withdrawn.HasImplementation.ShouldBeTrue();
        withdrawn.EvidenceCount.ShouldBe(1);
        report.NeedsReview.ShouldBe(2);
        again.ShouldBeNull();
        (await RecordsAsync(db)).ShouldBe(recordsBefore);
        (await db.QueryAsync((ctx, ct) => ctx.Set<CatalogState>().Select(s => s.Version).SingleAsync(ct))).ShouldBe("2099.01");
        var stored = await ReportsAsync(db, next);
        stored.ShouldHaveSingleItem().Withdrawn.ShouldHaveSingleItem().Key.ShouldBe(Encryption);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_dismissed_report_leaves_the_banner_but_stays_readable(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await CheckAsync(db, HipaaCatalog.Load());
        var report = (await CheckAsync(db, NextVersion()))!;

        var dismissed = await db.RunAsync<DismissCatalogUpgradeReport, CatalogUpgradeReport>((h, ct) => h.HandleAsync(report.Id, ct));
        db.Time.Advance(TimeSpan.FromHours(1));
        var twice = await db.RunAsync<DismissCatalogUpgradeReport, CatalogUpgradeReport>((h, ct) => h.HandleAsync(report.Id, ct));

        dismissed.DismissedBy.ShouldBe(db.Actor.Actor.DisplayName);
        twice.DismissedAt.ShouldBe(dismissed.DismissedAt);
        await using var scope = db.CreateScope();
        var reports = Reports(scope, NextVersion());
        (await reports.PendingAsync(TestContext.Current.CancellationToken)).ShouldBeNull();
        (await reports.HandleAsync(TestContext.Current.CancellationToken)).ShouldHaveSingleItem().IsDismissed.ShouldBeTrue();
    }

    /// <summary>
    /// A fake next version of the shipped catalog: 164.308(a)(1)(ii)(A) retitled with new guidance, 164.312(a)(2)(iv)
    /// withdrawn, and a new standard 164.312(f).
    /// </summary>
    internal static RequirementCatalog NextVersion()
    {
        var shipped = HipaaCatalog.Load();
        var template = shipped.Get("164.312(b)");
        var requirements = shipped.Requirements
            .Where(r => r.Key != Encryption)
            .Select(r => r.Key == RiskAnalysis ? r with { Title = "Written risk analysis", Guidance = r.Guidance + " It must be written." } : r)
            .Append(template with { Key = NewKey, Citation = NewKey, Title = "Technology asset inventory" });
        return new RequirementCatalog("2099.01", shipped.Profiles, requirements);
    }

    private static async Task<CatalogUpgradeReport?> CheckAsync(TestDatabase db, RequirementCatalog catalog)
    {
        await using var scope = db.CreateScope();
        return await Check(scope, catalog).HandleAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<IReadOnlyList<CatalogUpgradeReport>> ReportsAsync(TestDatabase db, RequirementCatalog catalog)
    {
        await using var scope = db.CreateScope();
        return await Reports(scope, catalog).HandleAsync(TestContext.Current.CancellationToken);
    }

    private static CheckCatalogUpgrade Check(AsyncServiceScope scope, RequirementCatalog catalog) => new(
        scope.ServiceProvider.GetRequiredService<AppDbContext>(), catalog, scope.ServiceProvider.GetRequiredService<IEvidenceRecords>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());

    private static GetCatalogUpgradeReports Reports(AsyncServiceScope scope, RequirementCatalog catalog) =>
        new(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Check(scope, catalog));

    /// <summary>Every organization record an upgrade must leave alone, as counts and the implementations' states.</summary>
    private static Task<string> RecordsAsync(TestDatabase db) => db.QueryAsync(async (ctx, ct) =>
    {
        var implementations = await ctx.Set<ControlImplementation>().AsNoTracking().OrderBy(i => i.RequirementKey).ToListAsync(ct);
        return string.Join('|', implementations.Select(i => $"{i.RequirementKey}:{RequirementRegister.WriteState(i.State)}:{i.UpdatedAt:O}"))
            + $"|changes={await ctx.Set<ImplementationChange>().CountAsync(ct)}"
            + $"|evidence={await ctx.Set<Custos.Modules.Evidence.EvidenceItem>().CountAsync(ct)}"
            + $"|custom={await ctx.Set<CustomRequirement>().CountAsync(ct)}";
    });
}
