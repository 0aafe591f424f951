using System.CommandLine;
using System.Globalization;
using Custos.Cli.Commands.Database;
using Custos.Cli.Output;
using Custos.Platform.Identity.ApiKeys;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Keys;

/// <summary>
/// `custos keys create|list|revoke`: API keys for service accounts, managed by an operator at the server. Every
/// change is recorded as a security event with the operator (the OS user) as its actor.
/// </summary>
internal static class KeysCommands
{
    public static Command Create(CommandRuntime runtime) => new(
        "keys",
        "API keys for service accounts: create one with scopes and an expiry (its secret is printed once), list them, revoke one.")
    {
        CreateKey(runtime),
        ListKeys(runtime),
        RevokeKey(runtime),
    };

    private static Command CreateKey(CommandRuntime runtime)
    {
        var name = new Option<string>("--name") { Description = "What uses the key, for example \"CI evidence upload\".", HelpName = "name", Required = true };
        var scopes = new Option<string>("--scopes")
        {
            Description = "Permissions the key may use, separated by commas, for example incidents.read,compliance.read.",
            HelpName = "a,b",
            Required = true,
        };
        var expiresIn = new Option<int>("--expires-in")
        {
            Description = $"Lifetime: a number of days such as 90d (default {ApiKeyRules.DefaultLifetimeDays}d, at most {ApiKeyRules.MaximumLifetimeDays}d).",
            HelpName = "days",
            DefaultValueFactory = _ => ApiKeyRules.DefaultLifetimeDays,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : string.Empty;
                var digits = text.EndsWith('d') ? text[..^1] : text;
                if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days >= 1)
                {
                    return days;
                }

                result.AddError($"--expires-in takes a number of days such as 90d (not '{text}').");
                return ApiKeyRules.DefaultLifetimeDays;
            },
        };
        var command = new Command("create", "Create an API key and print it once; Custos keeps only its hash.") { name, scopes, expiresIn };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var issued = await services.GetRequiredService<CreateApiKey>().HandleAsync(
                new CreateApiKeyCommand(
                    parseResult.GetValue(name) ?? string.Empty,
                    (parseResult.GetValue(scopes) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                    parseResult.GetValue(expiresIn)),
                cancellationToken);
            output.Write(issued, result =>
            {
                output.Line(result.Secret);
                output.Line();
                output.Fields(
                    ("Id", result.Key.Id.ToString()),
                    ("Name", result.Key.Name),
                    ("Scopes", string.Join(", ", result.Key.Scopes)),
                    ("Expires", DisplayText.Of(result.Key.ExpiresAt)));
                output.Line();
                output.Line("This is the only time the key is shown: store it in the caller's secret store now. Send it as 'Authorization: Bearer <key>' to /api/v1.");
            });
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command ListKeys(CommandRuntime runtime)
    {
        var command = new Command("list", "List API keys, usable ones first: id, name, prefix, scopes, status, expiry and last use. Never a secret.");
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var keys = await services.GetRequiredService<ListApiKeys>().HandleAsync(cancellationToken);
            output.Write(keys, list =>
            {
                if (list.Count == 0)
                {
                    output.Line("No API keys yet: create one with `custos keys create --name N --scopes a,b`.");
                    return;
                }

                var table = new TextTable("ID", "NAME", "PREFIX", "STATUS", "UNTIL", "LAST USED", "SCOPES");
                foreach (var key in list)
                {
                    table.AddRow(
                        key.Id.ToString(),
                        key.Name,
                        key.Prefix,
                        key.Status.ToString(),
                        DisplayText.Of(DateOnly.FromDateTime(key.EndsAt.UtcDateTime)),
                        key.LastUsedAt is { } used ? DisplayText.Of(DateOnly.FromDateTime(used.UtcDateTime)) : "-",
                        string.Join(",", key.Scopes));
                }

                output.Table(table);
            });
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command RevokeKey(CommandRuntime runtime)
    {
        var id = new Argument<Guid>("id") { Description = "The key's id, as `custos keys list` shows it." };
        var command = new Command("revoke", "Revoke an API key: the next request that presents it is refused.") { id };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var key = await services.GetRequiredService<RevokeApiKey>().HandleAsync(parseResult.GetValue(id), cancellationToken);
            output.Write(key, revoked => output.Line($"Revoked the key {revoked.Prefix} ({revoked.Name}); it is refused from now on."));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
