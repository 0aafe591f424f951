namespace Custos.Tests.Cli;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Version_prints_the_version_and_the_dotnet_runtime()
    {
        var json = (await CustosCommand.RunAsync("version", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var table = await CustosCommand.RunAsync("version");

        var version = json.GetProperty("version").GetString()!;
        version.ShouldMatch(@"^\d+\.\d+\.\d+");
        json.GetProperty("runtime").GetString()!.ShouldStartWith(".NET ");
        json.TryGetProperty("commit", out _).ShouldBeTrue();
        table.ShouldExitWith(CommandRun.Success);
        table.Stdout.ShouldContain(version);
        table.Stdout.ShouldContain(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }

    [Fact]
    public async Task Version_works_whatever_the_database_configuration()
    {
        var run = await CustosCommand.RunAsync(
            new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" },
            "version");

        run.ShouldExitWith(CommandRun.Success);
        run.Stderr.ShouldBeEmpty();
    }
}
