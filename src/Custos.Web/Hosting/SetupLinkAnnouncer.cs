namespace Custos.Web.Hosting;

/// <summary>Delivers the first-run setup link to the operator. The console is the channel: whoever reads it controls the server.</summary>
public interface ISetupLinkAnnouncer
{
    void Announce(Uri setupLink, TimeSpan validFor);
}

internal sealed class ConsoleSetupLinkAnnouncer : ISetupLinkAnnouncer
{
    public void Announce(Uri setupLink, TimeSpan validFor)
    {
        // Written to the console directly, not through logging: log sinks are shipped and kept, the link is a secret.
        var lines = new[]
        {
            string.Empty,
            "  Custos has no users yet. Create the first administrator with this one-time link",
            $"  (valid for {validFor.TotalMinutes:0} minutes, single use; restart Custos for a new one):",
            string.Empty,
            $"    {setupLink}",
            string.Empty,
        };
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }
}
