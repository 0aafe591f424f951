using System.CommandLine;

namespace Custos.Cli.Commands.Organization;

internal static class OrganizationCommands
{
    public static Command Create(CommandRuntime runtime) => new("org", "The organization this deployment serves: its profile, officers and setup checklist (show) and its covered-entity customers (customers).")
    {
        ShowOrganizationCommand.Create(runtime),
        ListCustomersCommand.Create(runtime),
    };
}
