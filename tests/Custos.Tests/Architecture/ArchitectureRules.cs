using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NetArchTest.Rules;

namespace Custos.Tests.Architecture;

/// <summary>
/// The boundaries of DESIGN.md §3, written against namespaces rather than a list of today's modules, so a new module
/// is covered the day it appears. Each rule returns its violations (empty when the rule holds) so tests can show
/// them, and so the rule itself can be tested against a deliberately broken sample.
/// </summary>
internal static class ArchitectureRules
{
    public const string ContractsNamespace = "Contracts";

    /// <summary>The modules under <paramref name="modulesNamespace"/>: the first namespace segment below it.</summary>
    public static IReadOnlyList<string> Modules(Assembly assembly, string modulesNamespace) =>
        assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(modulesNamespace + ".", StringComparison.Ordinal))
            .Select(ns => ns[(modulesNamespace.Length + 1)..].Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A type of module X uses another module Y only through <c>Y.Contracts</c>.</summary>
    public static IReadOnlyList<string> ModuleBoundaryViolations(Assembly assembly, string modulesNamespace)
    {
        var modules = Modules(assembly, modulesNamespace);
        var violations = new List<string>();
        foreach (var module in modules)
        {
            // Everything the other modules hold outside their Contracts, by full type name.
            var forbidden = modules
                .Where(other => other != module)
                .SelectMany(other => TypesIn(assembly, $"{modulesNamespace}.{other}")
                    .Where(t => !IsIn(t.Namespace, $"{modulesNamespace}.{other}.{ContractsNamespace}")))
                .Select(t => t.FullName!)
                .ToArray();
            if (forbidden.Length == 0)
            {
                continue;
            }

            var result = Types.InAssembly(assembly)
                .That().ResideInNamespaceMatching(NamespaceAndBelow($"{modulesNamespace}.{module}"))
                .ShouldNot().HaveDependencyOnAny(forbidden)
                .GetResult();
            violations.AddRange(Describe(result, $"module {module} reaches past another module's {ContractsNamespace}"));
        }

        return violations;
    }

    /// <summary>Nothing in <paramref name="platformNamespace"/> depends on anything in <paramref name="modulesNamespace"/>.</summary>
    public static IReadOnlyList<string> PlatformDependencyViolations(Assembly assembly, string platformNamespace, string modulesNamespace)
    {
        var result = Types.InAssembly(assembly)
            .That().ResideInNamespaceMatching(NamespaceAndBelow(platformNamespace))
            .ShouldNot().HaveDependencyOnAny(modulesNamespace)
            .GetResult();
        return Describe(result, "platform depends on a module");
    }

    /// <summary>Entity types mapped by EF that live under <paramref name="modulesNamespace"/> and are visible outside their assembly.</summary>
    public static IReadOnlyList<string> PublicModuleEntities(IModel model, string modulesNamespace) =>
        model.GetEntityTypes()
            .Select(e => e.ClrType)
            .Where(t => IsIn(t.Namespace, modulesNamespace) && t.IsVisible)
            .Select(t => $"{t.FullName}: entity mapped by EF is public")
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>EF configurations (<see cref="IEntityTypeConfiguration{TEntity}"/>) under <paramref name="modulesNamespace"/> that are public.</summary>
    public static IReadOnlyList<string> PublicModuleEntityConfigurations(Assembly assembly, string modulesNamespace) =>
        TypesIn(assembly, modulesNamespace)
            .Where(t => t.IsVisible && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)))
            .Select(t => $"{t.FullName}: EF configuration is public")
            .ToList();

    private static IEnumerable<Type> TypesIn(Assembly assembly, string @namespace) =>
        assembly.GetTypes().Where(t => IsIn(t.Namespace, @namespace));

    private static bool IsIn(string? typeNamespace, string @namespace) =>
        typeNamespace is not null
        && (typeNamespace == @namespace || typeNamespace.StartsWith(@namespace + ".", StringComparison.Ordinal));

    private static string NamespaceAndBelow(string @namespace) => $"^{Regex.Escape(@namespace)}(\\..+)?$";

    private static List<string> Describe(NetArchTest.Rules.TestResult result, string rule) =>
        result.IsSuccessful
            ? []
            : result.FailingTypes.Select(t => $"{t.FullName}: {rule}. {t.Explanation}".TrimEnd()).ToList();
}
