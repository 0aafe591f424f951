using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Custos.Cli.Output;
using Custos.Modules.Incidents.Obligations;
using Custos.Platform.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Breach;

/// <summary>
/// custos breach deadlines: the what-if calculator for an incident call. Prints the same obligations as the incident
/// case (one rule set, <see cref="BreachNotificationRules"/>), each with status "pending".
/// </summary>
internal static class BreachDeadlinesCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var role = new Option<BreachRole>("--role")
        {
            Description = "The organization's role in this breach: business-associate or covered-entity.",
            HelpName = "business-associate|covered-entity",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                switch (text.ToLowerInvariant())
                {
                    case "business-associate":
                        return BreachRole.BusinessAssociate;
                    case "covered-entity":
                        return BreachRole.CoveredEntity;
                    default:
                        result.AddError($"--role takes business-associate or covered-entity (not '{text}').");
                        return default;
                }
            },
        };
        role.CompletionSources.Add("business-associate", "covered-entity");
        var discovered = DateOption("--discovered", "The first day the breach was known (or would have been with reasonable diligence); for a covered entity told by its business associate, the business associate's discovery.", required: true);
        var affected = new Option<IReadOnlyDictionary<string, int>>("--affected")
        {
            Description = "Individuals affected per State or jurisdiction, e.g. TX=530,OH=90.",
            HelpName = "ST=N,...",
            DefaultValueFactory = _ => new Dictionary<string, int>(),
            CustomParser = ParseAffected,
        };
        var baaDays = new Option<int?>("--baa-notice-days")
        {
            Description = "Business associate: the BAA's breach-notice window in days (the earlier of it and 60 days binds).",
            HelpName = "days",
        };
        var agent = new Option<bool>("--agent-of-covered-entity")
        {
            Description = "The business associate acts as the covered entity's agent: the covered entity's clock starts at the business associate's discovery.",
        };
        var learned = DateOption("--covered-entity-learned", "The day the covered entity learned of the breach from its business associate (starts its clock when the business associate is independent).", required: false);
        var delegated = new Option<bool>("--notices-delegated")
        {
            Description = "Business associate: the BAA delegates the individual, media and Secretary notices to it.",
        };
        var delay = new Option<LawEnforcementStatement?>("--law-enforcement-delay")
        {
            Description = "A law enforcement official asked for a delay (45 CFR 164.412): oral or written.",
            HelpName = "oral|written",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                switch (text.ToLowerInvariant())
                {
                    case "oral":
                        return LawEnforcementStatement.Oral;
                    case "written":
                        return LawEnforcementStatement.Written;
                    default:
                        result.AddError($"--law-enforcement-delay takes oral or written (not '{text}').");
                        return null;
                }
            },
        };
        delay.CompletionSources.Add("oral", "written");
        var delayFrom = DateOption("--delay-from", "The date of the law-enforcement statement.", required: false);
        var delayUntil = DateOption("--delay-until", "The date the delay ends (an oral statement holds at most 30 days).", required: false);

        var command = new Command(
            "deadlines",
            "Compute the breach notices due and their latest dates: each covered entity (business associate), individuals, " +
            "media, the HHS Secretary and the State rules loaded, with the citation and the reasoning. Calendar days, no " +
            "weekend or holiday shifting; a law-enforcement delay stops the clock for the days it lasts (ADR 0012).")
        {
            role, discovered, affected, baaDays, agent, learned, delegated, delay, delayFrom, delayUntil,
        };
        command.Validators.Add(result =>
        {
            var hasKind = result.GetResult(delay) is { Implicit: false };
            if (hasKind && result.GetResult(delayFrom) is null)
            {
                result.AddError("--law-enforcement-delay needs --delay-from, the date of the statement.");
            }

            if (!hasKind && (result.GetResult(delayFrom) is not null || result.GetResult(delayUntil) is not null))
            {
                result.AddError("--delay-from and --delay-until need --law-enforcement-delay oral or written.");
            }
        });

        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            var rules = services.GetService<BreachNotificationRules>()
                ?? RulesFrom(services.GetRequiredService<IConfiguration>());
            var roleValue = parseResult.GetValue(role);
            var days = parseResult.GetValue(baaDays);
            var delegates = roleValue == BreachRole.BusinessAssociate && parseResult.GetValue(delegated);
            var facts = new BreachFacts
            {
                Role = roleValue,
                DiscoveredOn = parseResult.GetValue(discovered)!.Value,
                AffectedByJurisdiction = parseResult.GetValue(affected) ?? new Dictionary<string, int>(),
                CoveredEntities = days is null && !delegates ? [] : [new AffectedCoveredEntity(null, days, delegates)],
                BusinessAssociateIsAgent = parseResult.GetValue(agent),
                CoveredEntityLearnedOn = parseResult.GetValue(learned),
                LawEnforcementDelay = parseResult.GetValue(delay) is { } kind
                    ? new LawEnforcementDelay(kind, parseResult.GetValue(delayFrom)!.Value, parseResult.GetValue(delayUntil))
                    : null,
            };

            IReadOnlyList<NotificationObligation> obligations;
            try
            {
                obligations = rules.Calculate(facts, DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime));
            }
            catch (InvalidRequestException ex)
            {
                // Bad facts are a usage error: the validator's messages on stderr, nothing on stdout.
                foreach (var message in ex.Errors.SelectMany(e => e.Value))
                {
                    output.Notice($"error: {message}");
                }

                return ExitCodes.Usage;
            }

            var rows = obligations.Select(ObligationRow.From).ToList();
            output.Write(rows, list => WriteText(output, list));
            await Task.CompletedTask;
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static BreachNotificationRules RulesFrom(IConfiguration configuration)
    {
        using var provider = new ServiceCollection().AddBreachNotificationRules(configuration).BuildServiceProvider();
        return provider.GetRequiredService<BreachNotificationRules>();
    }

    private static Option<DateOnly?> DateOption(string name, string description, bool required) => new(name)
    {
        Description = description + " YYYY-MM-DD.",
        HelpName = "YYYY-MM-DD",
        Required = required,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            result.AddError($"{name} takes a date as YYYY-MM-DD, such as 2026-03-14 (not '{text}').");
            return null;
        },
    };

    private static Dictionary<string, int> ParseAffected(ArgumentResult result)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
                if (pair.Length != 2 || pair[0].Length == 0
                    || !int.TryParse(pair[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
                {
                    result.AddError($"--affected takes State=count pairs separated by commas, such as TX=530,OH=90 (not '{part}').");
                    return counts;
                }

                if (!counts.TryAdd(pair[0], count))
                {
                    result.AddError($"--affected gives {pair[0]} more than once. Give one count per State.");
                    return counts;
                }

                // Unknown codes and negative counts are the validator's to report, with its messages.
            }
        }

        return counts;
    }

    private static void WriteText(CommandOutput output, List<ObligationRow> rows)
    {
        var table = new TextTable("#", "DUE", "RECIPIENT", "WHERE", "BASIS");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                row.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.Recipient + (row.CoveredEntity is null ? string.Empty : $" ({row.CoveredEntity})"),
                row.Jurisdiction ?? "-",
                row.Basis);
        }

        output.Table(table);
        output.Line();
        for (var i = 0; i < rows.Count; i++)
        {
            output.Line($"{i + 1}. {rows[i].Reasoning}");
        }

        output.Line();
        output.Line("Dates are the latest allowed; notify without unreasonable delay. This is a calculation, not legal advice.");
    }

    /// <summary>The JSON contract of issue 6: recipient, jurisdiction, dueDate, basis, reasoning, status, and more.</summary>
    internal sealed record ObligationRow(
        string Recipient,
        string? Jurisdiction,
        DateOnly DueDate,
        string Basis,
        string Reasoning,
        string Status,
        string? CoveredEntity,
        DateOnly? ClockStartsOn,
        bool WithoutUnreasonableDelay,
        bool AtSameTimeAsIndividuals,
        DateOnly? DueDateBeforeDelay,
        bool StateRuleLoaded,
        int? AffectedIndividuals)
    {
        public static ObligationRow From(NotificationObligation o) => new(
            o.Recipient.ToWireName(),
            o.Jurisdiction,
            o.DueDate,
            o.Basis,
            o.Reasoning,
            "pending",
            o.CoveredEntity,
            o.ClockStartsOn,
            o.WithoutUnreasonableDelay,
            o.AtSameTimeAsIndividuals,
            o.DueDateBeforeDelay,
            o.StateRuleLoaded,
            o.AffectedIndividuals);
    }
}
