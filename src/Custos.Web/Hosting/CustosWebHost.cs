namespace Custos.Web.Hosting;

internal static class CustosWebHost
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
}
