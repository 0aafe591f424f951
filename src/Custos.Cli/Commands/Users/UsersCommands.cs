using System.CommandLine;
using Custos.Cli.Commands.Database;
using Custos.Cli.Output;
using Custos.Platform.Identity.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Users;

/// <summary>
/// `custos users list|create|roles|disable|reset-mfa`: user administration for an operator at the server (for example when
/// no administrator can sign in). Every change is a security event with the operator (the OS user) as its actor.
/// </summary>
internal static class UsersCommands
{
    public static Command Create(CommandRuntime runtime) => new(
        "users",
        "Custos user accounts: list them, create one (prints a one-time activation link), change the roles one holds, disable one at once, " +
        "or reset a lost second factor.")
    {
        ListCommand(runtime),
        CreateCommand(runtime),
        RolesCommand(runtime),
        DisableCommand(runtime),
        ResetMfaCommand(runtime),
    };

    private static Command ListCommand(CommandRuntime runtime)
    {
        var command = new Command("list", "List users by email: roles, whether MFA is enrolled, and whether access is disabled or ends on a date.");
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var users = await services.GetRequiredService<ListUsers>().HandleAsync(cancellationToken);
            output.Write(users, list =>
            {
                if (list.Count == 0)
                {
                    output.Line("No users yet: start Custos and open the setup link it prints, or run `custos users create`.");
                    return;
                }

                var table = new TextTable("EMAIL", "NAME", "ROLES", "MFA", "STATE");
                foreach (var user in list)
                {
                    table.AddRow(user.Email, user.DisplayName, string.Join(", ", user.Roles), user.MfaEnrolled ? "yes" : "no", State(user));
                }

                output.Table(table);
                output.Line();
                output.Line(DisplayText.Count(list.Count, "user", "users") + ".");
            });
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command CreateCommand(CommandRuntime runtime)
    {
        var email = new Option<string>("--email") { Description = "The user's work email; they sign in with it.", HelpName = "email", Required = true };
        var name = new Option<string>("--name") { Description = "The user's name as Custos shows it.", HelpName = "name", Required = true };
        var role = new Option<string>("--role") { Description = "One role, for example \"Workforce Member\" or \"Security Officer\".", HelpName = "role", Required = true };
        var accessEnds = new Option<DateOnly?>("--access-ends")
        {
            Description = "The last day of access (required for the Auditor role), as yyyy-MM-dd; access ends at the end of that day, UTC.",
            HelpName = "date",
        };
        var command = new Command("create", "Create a user with one role and print a one-time link with which they choose a password; they enrol MFA at first sign-in.")
        {
            email, name, role, accessEnds,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            DateTimeOffset? endsAt = parseResult.GetValue(accessEnds) is { } day
                ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                : null;
            var created = await services.GetRequiredService<CreateUser>().HandleAsync(
                new CreateUserCommand(parseResult.GetValue(email) ?? string.Empty, parseResult.GetValue(name) ?? string.Empty, parseResult.GetValue(role) ?? string.Empty, endsAt),
                cancellationToken);
            output.Write(created, result =>
            {
                output.Line($"Created {result.User.Email} ({string.Join(", ", result.User.Roles)}).");
                output.Line();
                output.Line("Send the user this one-time link (append it to the address Custos is served at, e.g. https://custos.example.org):");
                output.Line(result.ActivationPath);
                output.Line();
                output.Line($"It works once, until {DisplayText.Of(result.ActivationExpiresAt)}. It is not shown again: if it is lost, disable the user and create them again.");
            });
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command RolesCommand(CommandRuntime runtime)
    {
        var user = new Argument<string>("user") { Description = "The user's email or id." };
        var role = new Option<string[]>("--role")
        {
            Description = "A role the user is to hold; repeat for several. Roles not named are removed.",
            HelpName = "role",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(
            "roles",
            "Set the roles a user holds (access modification): the roles named are kept or added, the others removed; their sessions " +
            "take the new permissions at their next request. The last active Administrator keeps the role.")
        {
            user, role,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var changed = await services.GetRequiredService<ChangeUserRoles>().HandleAsync(
                new ChangeUserRolesCommand(parseResult.GetValue(user) ?? string.Empty, parseResult.GetValue(role) ?? []),
                cancellationToken);
            output.Write(changed, result => output.Line($"{result.Email} now holds: {string.Join(", ", result.Roles)}."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command DisableCommand(CommandRuntime runtime)
    {
        var user = new Argument<string>("user") { Description = "The user's email or id." };
        var command = new Command("disable", "End a user's access at once: no sign-in, no permissions, sessions rejected. The account and its history are kept.") { user };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var disabled = await services.GetRequiredService<DisableUser>().HandleAsync(parseResult.GetValue(user) ?? string.Empty, cancellationToken);
            output.Write(disabled, result => output.Line($"Disabled {result.Email}: access ended at {DisplayText.Of(result.DisabledAt!.Value)}."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command ResetMfaCommand(CommandRuntime runtime)
    {
        var user = new Argument<string>("user") { Description = "The user's email or id." };
        var command = new Command(
            "reset-mfa",
            "Remove a user's authenticator key, recovery codes and passkeys after checking who they are; they enrol again at their next sign-in.")
        {
            user,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var reset = await services.GetRequiredService<ResetMfa>().HandleAsync(parseResult.GetValue(user) ?? string.Empty, cancellationToken);
            output.Write(reset, result => output.Line($"Removed every second factor of {result.Email}; they set up a new one at their next sign-in, and their sessions have ended."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static string State(UserSummary user) =>
        user.DisabledAt is { } disabled ? $"disabled {DisplayText.Of(DateOnly.FromDateTime(disabled.UtcDateTime))}"
        : !user.HasPassword ? "not activated"
        : user.AccessEndsAt is { } ends ? $"until {DisplayText.Of(DateOnly.FromDateTime(ends.UtcDateTime))}"
        : "active";
}
