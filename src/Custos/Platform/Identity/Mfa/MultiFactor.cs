using System.Security.Cryptography;
using System.Text;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Custos.Platform.Identity.Mfa;

/// <summary>What an authenticator app needs to be set up: the shared key and the otpauth URI for the QR code.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string FormattedKey, Uri OtpAuthUri);

/// <summary>The outcome of checking a second-factor code.</summary>
public enum SecondFactorResult
{
    Accepted,
    Rejected,
    Malformed,
}

/// <summary>The second factor of every account (45 CFR 164.312(d); ASVS 5.0 V6 at level 2): TOTP and recovery codes.</summary>
public sealed class MultiFactor(AppDbContext db, UserManager<CustosUser> users, TimeProvider time, ISecurityEventSink events)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "Custos";
    private const int TotpDigits = 6;
    private const int TotpStepSeconds = 30;
    private const string RecoveryAlphabet = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 symbols, no 0/o/1/l

    /// <summary>Whether the user has a working second factor.</summary>
    public async Task<bool> IsEnrolledAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.TwoFactorEnabled, cancellationToken);

    /// <summary>A new (not yet active) authenticator key for enrolment; replaces any unconfirmed one.</summary>
    public async Task<AuthenticatorSetup> BeginAuthenticatorSetupAsync(Guid userId)
    {
        var user = await RequireUserAsync(userId);
        if (user.TwoFactorEnabled)
        {
            throw new InvalidOperationException("The user already has an authenticator; reset MFA first.");
        }

        await users.ResetAuthenticatorKeyAsync(user);
        return await DescribeSetupAsync(user);
    }

    /// <summary>The pending key again (the enrolment page is re-displayed), or a new one if none.</summary>
    public async Task<AuthenticatorSetup> GetPendingSetupAsync(Guid userId)
    {
        var user = await RequireUserAsync(userId);
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            await users.ResetAuthenticatorKeyAsync(user);
        }

        return await DescribeSetupAsync(user);
    }

    /// <summary>
    /// Confirms enrolment with a first code from the app; on success the factor is active and the ten recovery
    /// codes are returned, to be shown once.
    /// </summary>
    public async Task<(SecondFactorResult Result, IReadOnlyList<string> RecoveryCodes)> ConfirmAuthenticatorAsync(Guid userId, string? code, CancellationToken cancellationToken = default)
    {
        var user = await RequireUserAsync(userId);
        var result = await VerifyTotpAsync(user, code, cancellationToken);
        if (result != SecondFactorResult.Accepted)
        {
            return (result, []);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await ReplaceRecoveryCodesAsync(userId, cancellationToken);
        await events.RecordAsync(new SecurityEvent("auth.mfa.enrol", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = userId.ToString(), Reason = "authenticator app" }, cancellationToken);
        return (result, codes);
    }

    /// <summary>Checks a TOTP code of an enrolled user; each time step is accepted once.</summary>
    public async Task<SecondFactorResult> VerifyCodeAsync(Guid userId, string? code, CancellationToken cancellationToken = default)
    {
        var user = await RequireUserAsync(userId);
        return user.TwoFactorEnabled ? await VerifyTotpAsync(user, code, cancellationToken) : SecondFactorResult.Rejected;
    }

    /// <summary>Redeems a recovery code: accepted once, then never again.</summary>
    public async Task<SecondFactorResult> RedeemRecoveryCodeAsync(Guid userId, string? code, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeRecoveryCode(code);
        if (normalized is null)
        {
            return SecondFactorResult.Malformed;
        }

        var hash = Hash(normalized);
        var now = time.GetUtcNow();
        var redeemed = await db.Set<RecoveryCode>()
            .Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (redeemed == 1)
        {
            await events.RecordAsync(new SecurityEvent("auth.mfa.recovery-code", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = userId.ToString() }, cancellationToken);
            return SecondFactorResult.Accepted;
        }

        return SecondFactorResult.Rejected;
    }

    public async Task<int> CountUnusedRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Set<RecoveryCode>().CountAsync(c => c.UserId == userId && c.UsedAt == null, cancellationToken);

    /// <summary>Ten new recovery codes; the old ones stop working. Returned once, stored only hashed.</summary>
    public async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        // The old codes go and the new ones come in one transaction, retried as a unit on a transient failure.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Set<RecoveryCode>().Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            db.Set<RecoveryCode>().AddRange(codes.Select(c => new RecoveryCode { Id = Guid.NewGuid(), UserId = userId, CodeHash = Hash(NormalizeRecoveryCode(c)!), CreatedAt = now }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
        return codes;
    }

    /// <summary>The user's own request to remove their authenticator app: refused while it is their only factor.</summary>
    public async Task<bool> TryRemoveAuthenticatorAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await RequireUserAsync(userId);
        if (!user.TwoFactorEnabled || (await users.GetPasskeysAsync(user)).Count == 0)
        {
            await events.RecordAsync(new SecurityEvent("auth.mfa.remove", AuditOutcome.Denied) { ResourceType = "user", ResourceId = userId.ToString(), Reason = "last factor" }, cancellationToken);
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        await events.RecordAsync(new SecurityEvent("auth.mfa.remove", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = userId.ToString(), Reason = "authenticator app" }, cancellationToken);
        return true;
    }

    /// <summary>Removes one of the user's passkeys: refused when it is their only factor.</summary>
    public async Task<bool> TryRemovePasskeyAsync(Guid userId, byte[] credentialId, CancellationToken cancellationToken = default)
    {
        var user = await RequireUserAsync(userId);
        var passkeys = await users.GetPasskeysAsync(user);
        if (!passkeys.Any(p => p.CredentialId.AsSpan().SequenceEqual(credentialId)))
        {
            return false;
        }

        if (!user.TwoFactorEnabled && passkeys.Count == 1)
        {
            await events.RecordAsync(new SecurityEvent("auth.passkey.remove", AuditOutcome.Denied) { ResourceType = "user", ResourceId = userId.ToString(), Reason = "last factor" }, cancellationToken);
            return false;
        }

        await users.RemovePasskeyAsync(user, credentialId);
        await events.RecordAsync(new SecurityEvent("auth.passkey.remove", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = userId.ToString() }, cancellationToken);
        return true;
    }

    /// <summary>The user's passkeys, newest first.</summary>
    public async Task<IReadOnlyList<UserPasskeyInfo>> ListPasskeysAsync(Guid userId) =>
        (await users.GetPasskeysAsync(await RequireUserAsync(userId))).OrderByDescending(p => p.CreatedAt).ToList();

    /// <summary>Stores a passkey that passed attestation.</summary>
    public async Task AddPasskeyAsync(Guid userId, UserPasskeyInfo passkey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        var user = await RequireUserAsync(userId);
        var result = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The passkey could not be stored: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await events.RecordAsync(new SecurityEvent("auth.mfa.enrol", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = userId.ToString(), Reason = "passkey" }, cancellationToken);
    }

    /// <summary>
    /// After a passkey assertion the library accepted: the authenticator's signature counter must have moved forward
    /// (WebAuthn 7.2 step 21: a counter that does not increase signals a cloned authenticator). Authenticators that
    /// keep no counter report 0 every time, which is allowed. On success the stored counter is updated.
    /// </summary>
    public async Task<bool> AcceptPasskeyUseAsync(CustosUser user, UserPasskeyInfo used, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(used);
        var stored = await users.GetPasskeyAsync(user, used.CredentialId);
        if (stored is null || !CounterMovedForward(stored.SignCount, used.SignCount))
        {
            await events.RecordAsync(new SecurityEvent("auth.passkey.counter", AuditOutcome.Denied) { ResourceType = "user", ResourceId = user.Id.ToString(), Reason = "signature counter did not increase: possible cloned authenticator" }, cancellationToken);
            return false;
        }

        await users.AddOrUpdatePasskeyAsync(user, used);
        return true;
    }

    /// <summary>WebAuthn's signature-counter rule: either both are zero (no counter), or the new value is greater.</summary>
    public static bool CounterMovedForward(uint stored, uint presented) =>
        (stored == 0 && presented == 0) || presented > stored;

    private async Task<SecondFactorResult> VerifyTotpAsync(CustosUser user, string? code, CancellationToken cancellationToken)
    {
        var digits = NormalizeTotp(code);
        if (digits is null)
        {
            return SecondFactorResult.Malformed;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return SecondFactorResult.Rejected;
        }

        // RFC 6238 with one step of clock skew either way (RFC 6238 5.2).
        var totp = new Totp(Base32Encoding.ToBytes(key), step: TotpStepSeconds, totpSize: TotpDigits);
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, digits, out var step, VerificationWindow.RfcSpecifiedNetworkDelay))
        {
            return SecondFactorResult.Rejected;
        }

        // Each code once (ASVS 5.0 6.5.1): accept only a time step later than the last accepted one, by an atomic
        // compare-and-set, so two requests racing with the same code cannot both pass.
        var userId = user.Id;
        var claimed = await db.Users.Where(u => u.Id == userId && u.LastTotpTimeStep < step)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpTimeStep, step), cancellationToken);
        return claimed == 1 ? SecondFactorResult.Accepted : SecondFactorResult.Rejected;
    }

    private async Task<AuthenticatorSetup> DescribeSetupAsync(CustosUser user)
    {
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var formatted = string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
        var label = Uri.EscapeDataString($"{Issuer}:{user.Email}");
        var uri = new Uri($"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits={TotpDigits}&period={TotpStepSeconds}");
        return new AuthenticatorSetup(key, formatted, uri);
    }

    private async Task<CustosUser> RequireUserAsync(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");

    /// <summary>Six digits, spaces and hyphens ignored; anything else is malformed.</summary>
    public static string? NormalizeTotp(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var digits = new string(code.Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == TotpDigits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private static string? NormalizeRecoveryCode(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var symbols = new string(code.Where(c => c is not (' ' or '-')).Select(char.ToLowerInvariant).ToArray());
        return symbols.Length == 24 && symbols.All(c => RecoveryAlphabet.Contains(c, StringComparison.Ordinal)) ? symbols : null;
    }

    private static string NewRecoveryCode()
    {
        // 24 symbols of 5 bits = 120 bits: enough that a plain SHA-256 is an acceptable store (ASVS 5.0 6.5.2).
        Span<char> symbols = stackalloc char[24];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = RecoveryAlphabet[RandomNumberGenerator.GetInt32(RecoveryAlphabet.Length)];
        }

        var text = new string(symbols);
        return string.Join('-', Enumerable.Range(0, 6).Select(i => text.Substring(i * 4, 4)));
    }

    private static string Hash(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
}
