using Custos.Platform.Identity;

namespace Custos.Platform.Security;

/// <summary>How an audited action ended.</summary>
public enum AuditOutcome
{
    Succeeded,
    Denied,
    Failed,
}

/// <summary>
/// A security-relevant event (sign-in, MFA change, lockout, role change, elevation, break-glass, key use, session
/// revocation). 45 CFR 164.308(a)(1)(ii)(D) and 164.312(b): such events are recorded, never dropped.
/// Never put PHI or secrets (passwords, codes, keys) in any field.
/// </summary>
/// <param name="Action">Dotted action name, for example <c>auth.sign-in</c> or <c>keys.revoke</c>.</param>
/// <param name="Outcome">Succeeded, denied or failed.</param>
public sealed record SecurityEvent(string Action, AuditOutcome Outcome)
{
    /// <summary>Kind of the resource acted on, for example <c>user</c> or <c>api-key</c>.</summary>
    public string? ResourceType { get; init; }

    /// <summary>Identifier of the resource acted on (an id, never a PHI value).</summary>
    public string? ResourceId { get; init; }

    /// <summary>Why: required for break-glass, the purpose of access otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>The actor when it is not the current one (for example the account a failed sign-in named).</summary>
    public Actor? Actor { get; init; }
}

/// <summary>
/// The one seam every security event goes through. The audit ledger implements it; whatever implements it must
/// persist the event durably before returning.
/// </summary>
public interface ISecurityEventSink
{
    Task RecordAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default);
}

/// <summary>Where the current request came from, for audit entries. Hosts provide it; the CLI has no address.</summary>
public interface IRequestContext
{
    /// <summary>Client IP address, if known.</summary>
    string? ClientAddress { get; }

    /// <summary>User agent, truncated by the host, if known.</summary>
    string? UserAgent { get; }

    /// <summary>Identifier that ties together everything one request or command did.</summary>
    string CorrelationId { get; }
}

/// <summary>No request: start-up tasks, background work, tests.</summary>
public sealed class NoRequestContext : IRequestContext
{
    private readonly string correlationId = Guid.NewGuid().ToString("N");

    public string? ClientAddress => null;

    public string? UserAgent => null;

    public string CorrelationId => correlationId;
}
