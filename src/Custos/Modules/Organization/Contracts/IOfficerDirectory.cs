namespace Custos.Modules.Organization.Contracts;

/// <summary>
/// Who holds an officer role now, for other modules that must reach the Privacy or Security Officer (for example
/// break-glass notifies the Security Officer at once, 45 CFR 164.308(a)(2)).
/// </summary>
public interface IOfficerDirectory
{
    /// <summary>The current designation of <paramref name="role"/>, or null when nobody is designated.</summary>
    Task<OfficerView?> CurrentAsync(OfficerRole role, CancellationToken cancellationToken);

    /// <summary>
    /// The accounts to tell when something needs the Security Officer now (45 CFR 164.308(a)(2)): the enabled account
    /// whose email is the current designation's; when the designation names nobody with an account, every enabled
    /// holder of the Security Officer role; when there is none, every enabled Administrator, so that the notice never
    /// goes to nobody while an administrator exists.
    /// </summary>
    Task<OfficerAccounts> SecurityOfficerAccountsAsync(CancellationToken cancellationToken);
}

/// <summary>Accounts found for an officer role, and how they were found (for the record of who was told).</summary>
public sealed record OfficerAccounts(IReadOnlyList<Guid> UserIds, string FoundBy);
