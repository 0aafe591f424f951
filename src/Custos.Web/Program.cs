using Custos.Web.Hosting;

return await CustosWebHost.RunAsync(args);

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program
{
    protected Program()
    {
    }
}
