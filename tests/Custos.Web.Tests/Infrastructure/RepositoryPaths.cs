namespace Custos.Web.Tests.Infrastructure;

internal static class RepositoryPaths
{
    /// <summary>The checkout's root: the folder that holds Custos.slnx.</summary>
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "Custos.Web");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Custos.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find Custos.slnx above " + AppContext.BaseDirectory);
    }
}
