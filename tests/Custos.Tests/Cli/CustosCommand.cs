using System.Reflection;
using System.Runtime.Loader;

namespace Custos.Tests.Cli;

/// <summary>
/// Runs the `custos` command in this process, as a terminal would see it: arguments in; exit code, stdout and stderr out.
/// </summary>
/// <remarks>
/// The entry point is found at run time, not compiled against, so that this folder compiles whether or not
/// Custos.Tests references src/Custos.Cli. With the reference the assembly is already on the probing path; without it
/// the CLI's own build output (same configuration) is loaded, and its dependencies are resolved from its deps.json.
/// </remarks>
internal static class CustosCommand
{
    private const string EntryTypeName = "Custos.Cli.CustosCli";
    private const string AssemblyName = "Custos.Cli";

    private static readonly Lazy<EntryPoint> Entry = new(FindEntryPoint);

    private delegate Task<int> EntryPoint(string[] args, TextWriter stdout, TextWriter stderr, IDictionary<string, string?>? configurationOverrides);

    public static Task<CommandRun> RunAsync(params string[] args) => RunAsync(configuration: null, args);

    /// <param name="configuration">Settings that win over appsettings files and environment variables.</param>
    public static async Task<CommandRun> RunAsync(IDictionary<string, string?>? configuration, params string[] args)
    {
        await using var stdout = new StringWriter();
        await using var stderr = new StringWriter();
        var exitCode = await Entry.Value(args, stdout, stderr, configuration);
        return new CommandRun(args, exitCode, stdout.ToString(), stderr.ToString());
    }

    private static EntryPoint FindEntryPoint()
    {
        var type = Type.GetType($"{EntryTypeName}, {AssemblyName}", throwOnError: false)
            ?? LoadFromBuildOutput().GetType(EntryTypeName, throwOnError: true)!;
        var method = type.GetMethod(
            "RunAsync",
            BindingFlags.Public | BindingFlags.Static,
            [typeof(string[]), typeof(TextWriter), typeof(TextWriter), typeof(IDictionary<string, string?>)])
            ?? throw new InvalidOperationException($"{EntryTypeName}.RunAsync(string[], TextWriter, TextWriter, IDictionary<string, string?>?) is missing.");
        return method.CreateDelegate<EntryPoint>();
    }

    private static Assembly LoadFromBuildOutput()
    {
        // bin/<Configuration>/<TargetFramework>/ of this test project; the CLI is built to the same pair.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Custos.slnx")))
        {
            root = root.Parent;
        }

        var path = root is null ? null : Path.Combine(root.FullName, "src", "Custos.Cli", "bin", configuration, framework, AssemblyName + ".dll");
        if (path is null || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The CLI is not built for {configuration}/{framework} (looked for {path ?? "the repository root"}). " +
                $"Run `dotnet build src/Custos.Cli -c {configuration}` first, or reference src/Custos.Cli from Custos.Tests.");
        }

        var resolver = new AssemblyDependencyResolver(path);
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            resolver.ResolveAssemblyToPath(name) is { } dependency ? context.LoadFromAssemblyPath(dependency) : null;
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
