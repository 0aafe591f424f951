using Custos.Platform.Authorization;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.ApiKeys;

/// <summary>
/// Which scopes the current actor may put on a key: a person only the permissions they hold themselves, a key only
/// its own scopes (no key mints a stronger key), an operator at the server's shell any permission of the catalog.
/// </summary>
public sealed class ApiKeyScopes(AppDbContext db, PermissionResolver resolver, ICurrentActor currentActor)
{
    public const string Field = "Scopes";

    /// <summary>Known, distinct, in catalog order; throws with a message naming each unknown or ungrantable scope.</summary>
    internal async Task<IReadOnlyList<string>> ValidateAsync(IReadOnlyCollection<string>? requested, CancellationToken cancellationToken)
    {
        var scopes = (requested ?? []).Select(s => s?.Trim() ?? string.Empty).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0)
        {
            throw new InvalidRequestException(Field, "Give the key at least one scope: the permissions it may use, for example incidents.read.");
        }

        var unknown = scopes.Where(s => !Permissions.IsKnown(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidRequestException(
                Field,
                $"Unknown scope{(unknown.Count == 1 ? string.Empty : "s")} {string.Join(", ", unknown.Select(s => $"'{s}'"))}: a scope is a permission of the catalog, " +
                $"for example {Permissions.IncidentsRead} or {Permissions.ComplianceRead} (see Access control, Roles and permissions). Nothing was created.");
        }

        var grantable = await GrantableAsync(cancellationToken);
        var beyond = grantable is null ? [] : scopes.Where(s => !grantable.Contains(s)).ToList();
        if (beyond.Count > 0)
        {
            throw new InvalidRequestException(
                Field,
                $"You cannot give a key {string.Join(", ", beyond)}: a key may only carry permissions that you hold yourself. Nothing was created.");
        }

        return Permissions.All.Select(p => p.Name).Where(scopes.Contains).ToList();
    }

    private async Task<IReadOnlySet<string>?> GrantableAsync(CancellationToken cancellationToken)
    {
        var actor = currentActor.Actor;
        switch (actor.Kind)
        {
            case ActorKind.Operator or ActorKind.System:
                return null;
            case ActorKind.User when Guid.TryParse(actor.Id, out var userId):
                return (await resolver.ResolveAsync(userId, cancellationToken)).Permissions;
            case ActorKind.ApiKey when Guid.TryParse(actor.Id, out var keyId):
                var scopes = await db.Set<ApiKey>().Where(k => k.Id == keyId).Select(k => k.Scopes).SingleOrDefaultAsync(cancellationToken);
                return (scopes ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            default:
                return new HashSet<string>(StringComparer.Ordinal);
        }
    }
}
