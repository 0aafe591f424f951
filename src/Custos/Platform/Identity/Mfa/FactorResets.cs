using Custos.Platform.Identity.Sessions;
using Custos.Platform.Identity.Users;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.Mfa;

/// <summary>An MFA reset clears the hashed recovery codes and the last accepted TOTP step.</summary>
internal sealed class RecoveryCodesReset(AppDbContext db) : IAuthenticationFactorReset
{
    public async Task ResetAsync(CustosUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        await db.Set<RecoveryCode>().Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpTimeStep, 0L), cancellationToken);
    }
}

/// <summary>An MFA reset also ends every session of the user at once: whoever held the lost device is out.</summary>
internal sealed class SessionsReset(SessionStore sessions) : IAuthenticationFactorReset
{
    public async Task ResetAsync(CustosUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await sessions.RevokeAllAsync(user.Id, SessionEndReason.Revoked, cancellationToken);
    }
}
