using System.Reflection;
using Custos.Platform.Persistence;
using Custos.Tests.Architecture.Samples.Platform;
using Microsoft.EntityFrameworkCore;

namespace Custos.Tests.Architecture;

/// <summary>The rules of DESIGN.md §3 (Boundaries) on the Custos assembly, and each rule shown to fail on a broken sample.</summary>
public sealed class ArchitectureRulesTests
{
    private const string Modules = "Custos.Modules";
    private const string Platform = "Custos.Platform";
    private const string SampleModules = "Custos.Tests.Architecture.Samples.Modules";
    private const string SamplePlatform = "Custos.Tests.Architecture.Samples.Platform";

    private static readonly Assembly Core = typeof(AppDbContext).Assembly;
    private static readonly Assembly Samples = typeof(SampleDbContext).Assembly;

    [Fact]
    public void Modules_are_found_from_the_namespaces_so_a_new_module_is_covered_without_editing_the_rules()
    {
        var modules = ArchitectureRules.Modules(Core, Modules);

        modules.ShouldContain("Organization");
        ArchitectureRules.Modules(Samples, SampleModules).ShouldBe(["Billing", "Shipping"]);
    }

    [Fact]
    public void A_module_uses_another_module_only_through_its_contracts()
    {
        var violations = ArchitectureRules.ModuleBoundaryViolations(Core, Modules);

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void The_module_rule_reports_a_module_that_reaches_past_another_modules_contracts()
    {
        var violations = ArchitectureRules.ModuleBoundaryViolations(Samples, SampleModules);

        violations.ShouldHaveSingleItem().ShouldStartWith($"{SampleModules}.Billing.InvoiceWithShipment:");
    }

    [Fact]
    public void Nothing_in_the_platform_depends_on_a_module()
    {
        var violations = ArchitectureRules.PlatformDependencyViolations(Core, Platform, Modules);

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void The_platform_rule_reports_a_platform_type_that_uses_a_module()
    {
        var violations = ArchitectureRules.PlatformDependencyViolations(Samples, SamplePlatform, SampleModules);

        violations.Select(v => v.Split(':')[0]).ShouldBe([$"{SamplePlatform}.InvoiceNumbers", $"{SamplePlatform}.SampleDbContext"], ignoreOrder: true);
    }

    [Fact]
    public void Entities_mapped_by_EF_in_modules_are_not_public()
    {
        using var context = new AppDbContext(Options<AppDbContext>(options => PersistenceRegistration.Configure(
            options, new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:", MigrateOnStartup: false))));

        var moduleEntities = context.Model.GetEntityTypes().Count(e => e.ClrType.Namespace?.StartsWith(Modules, StringComparison.Ordinal) == true);
        var violations = ArchitectureRules.PublicModuleEntities(context.Model, Modules);

        moduleEntities.ShouldBeGreaterThan(0, "the rule must have entities to look at");
        violations.ShouldBeEmpty();
    }

    [Fact]
    public void The_entity_rule_reports_a_public_entity()
    {
        using var context = new SampleDbContext(Options<SampleDbContext>(options => options.UseSqlite("Data Source=:memory:")));

        var violations = ArchitectureRules.PublicModuleEntities(context.Model, SampleModules);

        violations.ShouldHaveSingleItem().ShouldStartWith($"{SampleModules}.Billing.Invoice:");
    }

    [Fact]
    public void EF_configurations_in_modules_are_not_public()
    {
        var violations = ArchitectureRules.PublicModuleEntityConfigurations(Core, Modules);

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void The_configuration_rule_reports_a_public_configuration()
    {
        var violations = ArchitectureRules.PublicModuleEntityConfigurations(Samples, SampleModules);

        violations.ShouldHaveSingleItem().ShouldStartWith($"{SampleModules}.Billing.InvoiceConfiguration:");
    }

    private static DbContextOptions<TContext> Options<TContext>(Action<DbContextOptionsBuilder<TContext>> configure)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        configure(builder);
        return builder.Options;
    }
}
