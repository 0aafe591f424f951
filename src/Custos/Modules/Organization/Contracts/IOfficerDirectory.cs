namespace Custos.Modules.Organization.Contracts;

/// <summary>
/// Who holds an officer role now, for other modules that must reach the Privacy or Security Officer (for example
/// break-glass notifies the Security Officer at once, 45 CFR 164.308(a)(2)).
/// </summary>
public interface IOfficerDirectory
{
    /// <summary>The current designation of <paramref name="role"/>, or null when nobody is designated.</summary>
    Task<OfficerView?> CurrentAsync(OfficerRole role, CancellationToken cancellationToken);
}
