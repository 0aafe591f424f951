using System.Reflection;
using Custos.Phi.SafeHarbor;

namespace Custos.Phi.Tests;

/// <summary>Custos.Phi is embeddable anywhere, log scanners and CI included: no database and no web framework (DESIGN.md §2).</summary>
public sealed class DependencyTests
{
    private static readonly string[] ForbiddenPrefixes = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "Microsoft.Data.Sqlite"];

    [Fact]
    public void Custos_Phi_references_no_EF_Core_and_no_ASP_NET_assembly_directly_or_through_another_assembly()
    {
        var phi = typeof(SafeHarborCatalog).Assembly;

        var references = ReferencedAssemblies(phi);

        references.ShouldNotBeEmpty();
        references.Where(name => ForbiddenPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .ShouldBeEmpty();
    }

    /// <summary>Every assembly reachable through references, outside the .NET runtime itself.</summary>
    private static List<string> ReferencedAssemblies(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<AssemblyName>(root.GetReferencedAssemblies());
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name.Name!) || IsRuntime(name))
            {
                continue;
            }

            foreach (var next in Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Enqueue(next);
            }
        }

        return [.. seen];
    }

    private static bool IsRuntime(AssemblyName name) =>
        name.Name is "netstandard" or "mscorlib"
        || name.Name!.StartsWith("System", StringComparison.Ordinal)
        || name.Name.StartsWith("Microsoft.Win32", StringComparison.Ordinal);
}
