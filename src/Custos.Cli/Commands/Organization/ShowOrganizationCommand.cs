using System.CommandLine;
using Custos.Cli.Commands.Database;
using Custos.Cli.Output;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Organization;

internal static class ShowOrganizationCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var command = new Command(
            "show",
            "Show the organization profile, the current Privacy and Security Officers, how many covered-entity customers " +
            "are recorded, and the setup checklist with what is still missing first.");
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var overview = await services.GetRequiredService<GetOrganizationProfile>().HandleAsync(cancellationToken);
            var customers = await services.GetRequiredService<SummarizeCustomers>().HandleAsync(cancellationToken);
            var setup = await services.GetRequiredService<GetSetupStatus>().HandleAsync(cancellationToken);

            var result = new OrganizationSummary(
                overview.Profile,
                overview.PrivacyOfficer,
                overview.SecurityOfficer,
                customers.Count,
                new SetupChecklist(
                    setup.DoneCount,
                    setup.ApplicableCount,
                    setup.IsComplete,
                    setup.Checks.OrderBy(c => c.State == SetupCheckState.Missing ? 0 : 1).ThenBy(c => c.Priority).ToList()));
            output.Write(result, summary => WriteText(output, summary));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void WriteText(CommandOutput output, OrganizationSummary summary)
    {
        if (summary.Profile is { } profile)
        {
            output.Heading("Organization");
            output.Fields(
                ("Legal name", profile.LegalName),
                ("Entity type", DisplayText.Of(profile.EntityType)),
                ("Address", DisplayText.Of(profile.Address)),
                ("Main contact", DisplayText.Of(profile.MainContact)),
                ("Last updated", $"{DisplayText.Of(profile.UpdatedAt)} by {profile.UpdatedBy}"));
        }
        else
        {
            output.Line("No organization profile yet: open Custos in a browser or run `custos demo seed`.");
        }

        output.Line();
        output.Heading("Officers");
        output.Fields(
            (DisplayText.Of(OfficerRole.PrivacyOfficer), DescribeOfficer(summary.PrivacyOfficer)),
            (DisplayText.Of(OfficerRole.SecurityOfficer), DescribeOfficer(summary.SecurityOfficer)));

        output.Line();
        output.Heading("Customers");
        output.Fields(("Covered entities", summary.CustomerCount == 0
            ? "none recorded"
            : $"{DisplayText.Count(summary.CustomerCount, "customer", "customers")} (list them with `custos org customers`)"));

        output.Line();
        var setup = summary.Setup;
        output.Heading($"Setup checklist: {setup.DoneCount} of {setup.ApplicableCount} done");
        var table = new TextTable("STATE", "ITEM", "RULE");
        foreach (var check in setup.Checks)
        {
            table.AddRow(DisplayText.Of(check.State), check.Title, check.Citation);
        }

        output.Table(table, indented: true);
        var next = setup.Checks.FirstOrDefault(c => c.State == SetupCheckState.Missing);
        if (next is not null)
        {
            output.Line();
            output.Line($"Next: {next.Explanation}");
        }
    }

    private static string DescribeOfficer(OfficerView? officer) => officer is null
        ? "not designated"
        : $"{DisplayText.Of(new ContactPerson(officer.Name, officer.Email, officer.Phone, officer.Title))}, since {DisplayText.Of(officer.EffectiveOn)}";
}

internal sealed record OrganizationSummary(
    OrganizationProfileView? Profile,
    OfficerView? PrivacyOfficer,
    OfficerView? SecurityOfficer,
    int CustomerCount,
    SetupChecklist Setup);

/// <param name="Checks">Missing items first (most important first), then the rest by priority.</param>
internal sealed record SetupChecklist(int DoneCount, int ApplicableCount, bool IsComplete, IReadOnlyList<SetupCheck> Checks);
