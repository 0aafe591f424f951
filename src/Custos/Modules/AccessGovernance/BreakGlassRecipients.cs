using Custos.Modules.Organization.Contracts;

namespace Custos.Modules.AccessGovernance;

/// <summary>Who is told of a break-glass use, and how they were found.</summary>
public sealed record BreakGlassRecipientList(IReadOnlyList<Guid> UserIds, string FoundBy);

/// <summary>
/// Finds the Security Officer to tell of a break-glass use (45 CFR 164.308(a)(2)), by the one rule the Organization
/// module keeps for reaching the Security Officer (<see cref="IOfficerDirectory.SecurityOfficerAccountsAsync"/>).
/// </summary>
public sealed class BreakGlassRecipients(IOfficerDirectory officers)
{
    internal async Task<BreakGlassRecipientList> FindAsync(CancellationToken cancellationToken)
    {
        var accounts = await officers.SecurityOfficerAccountsAsync(cancellationToken);
        return new BreakGlassRecipientList(accounts.UserIds, accounts.FoundBy);
    }
}
