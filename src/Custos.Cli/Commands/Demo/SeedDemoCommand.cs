using System.CommandLine;
using Custos.Cli.Commands.Database;
using Custos.Demo;
using Custos.Platform.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Demo;

internal static class SeedDemoCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var command = new Command(
            "seed",
            $"Add a fictional organization ({DemoSeeder.OrganizationName}), its officers and three covered-entity customers, " +
            "recorded as your changes. Does nothing when an organization profile already exists.");
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var seeded = await services.GetRequiredService<DemoSeeder>().SeedAsync(output.Progress(line => line), cancellationToken);
            var target = services.GetRequiredService<DatabaseSettings>().DescribeTarget();
            var result = new DemoSeedOutcome(seeded.Seeded, target, seeded.Lines);
            output.Write(result, outcome =>
            {
                if (outcome.Seeded)
                {
                    output.Line();
                    output.Line($"Demo data added to the {outcome.Target}. See it with `custos org show` or in a browser.");
                }
                else
                {
                    // Nothing was reported as progress; the seeder's lines say what already exists.
                    foreach (var line in outcome.Lines)
                    {
                        output.Line(line);
                    }
                }
            });
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}

internal sealed record DemoSeedOutcome(bool Seeded, string Target, IReadOnlyList<string> Lines);
