using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;

namespace Custos.Platform.Identity.ApiKeys;

/// <param name="Name">What the key is for, for example "CI evidence upload": the service account's name.</param>
/// <param name="Scopes">Permissions of the catalog the key may use.</param>
/// <param name="ExpiresInDays">Lifetime in days: 90 when not given, at most 365.</param>
public sealed record CreateApiKeyCommand(string Name, IReadOnlyList<string> Scopes, int? ExpiresInDays = null);

/// <summary>
/// Creates an API key for a service account, with scopes and an expiry, and returns its secret once
/// (45 CFR 164.312(d): each caller authenticated; 164.308(a)(4): access limited to the scopes granted).
/// </summary>
public sealed class CreateApiKey(AppDbContext db, ApiKeyScopes scopes, ISecurityEventSink events, ICurrentActor actor, TimeProvider time)
{
    private static readonly Validator Rules = new();

    public async Task<IssuedApiKey> HandleAsync(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await Rules.ValidateOrThrowAsync(command, cancellationToken);
        var granted = await scopes.ValidateAsync(command.Scopes, cancellationToken);

        var now = time.GetUtcNow();
        var (prefix, token) = ApiKeyToken.Generate();
        var key = new ApiKey(
            Guid.CreateVersion7(now),
            command.Name.Trim(),
            prefix,
            ApiKeyToken.Hash(token),
            granted,
            now,
            now.AddDays(command.ExpiresInDays ?? ApiKeyRules.DefaultLifetimeDays),
            actor.Actor);
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(
            new SecurityEvent("keys.create", AuditOutcome.Succeeded)
            {
                ResourceType = "api-key",
                ResourceId = key.Id.ToString(),
                Reason = $"{key.Name}; scopes {key.Scopes}; expires {key.ExpiresAt:yyyy-MM-dd}",
            },
            cancellationToken);
        return new IssuedApiKey(key.ToView(now), token);
    }

    private sealed class Validator : AbstractValidator<CreateApiKeyCommand>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Name the key after what uses it, for example \"CI evidence upload\".")
                .MaximumLength(ApiKeyRules.MaximumNameLength).WithMessage($"Keep the name to {ApiKeyRules.MaximumNameLength} characters.");
            RuleFor(c => c.ExpiresInDays)
                .GreaterThanOrEqualTo(1).WithMessage("A key must live at least 1 day.")
                .LessThanOrEqualTo(ApiKeyRules.MaximumLifetimeDays)
                .WithMessage($"A key may live at most {ApiKeyRules.MaximumLifetimeDays} days (one year); rotate it before then. Nothing was created.");
        }
    }
}
