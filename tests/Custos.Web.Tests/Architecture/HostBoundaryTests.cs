using Custos.Platform.Persistence;
using NetArchTest.Rules;

namespace Custos.Web.Tests.Architecture;

/// <summary>Hosts reach data through handlers and named platform services, never through the database context.</summary>
public sealed class HostBoundaryTests
{
    [Theory]
    [InlineData(typeof(Custos.Web.Hosting.CustosWebHost))]
    [InlineData(typeof(Custos.Cli.CustosCli))]
    public void Hosts_never_depend_on_the_database_context(Type typeInHost)
    {
        var result = Types.InAssembly(typeInHost.Assembly)
            .ShouldNot()
            .HaveDependencyOnAny(typeof(AppDbContext).FullName!, "Microsoft.EntityFrameworkCore.DbContext", "Microsoft.EntityFrameworkCore.DbSet`1")
            .GetResult();

        (result.FailingTypes ?? []).Select(t => t.FullName).ShouldBeEmpty();
    }

    [Fact]
    public void The_rule_catches_a_type_that_uses_the_database_context()
    {
        var result = Types.InAssembly(typeof(AppDbContext).Assembly)
            .That().HaveName(nameof(DatabaseMigrator))
            .ShouldNot()
            .HaveDependencyOnAny(typeof(AppDbContext).FullName!)
            .GetResult();

        result.IsSuccessful.ShouldBeFalse();
    }
}
