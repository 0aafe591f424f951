namespace Custos.Modules.Organization.Contracts;

/// <summary>
/// The organization's HIPAA role and its covered-entity customers, for modules that compute obligations from them
/// (the Incidents module: a business associate notifies each affected covered entity within its BAA window, 164.410).
/// </summary>
public interface IOrganizationDirectory
{
    /// <summary>The organization profile, or null until it has been recorded.</summary>
    Task<OrganizationProfileView?> ProfileAsync(CancellationToken cancellationToken);

    /// <summary>Every covered-entity customer, by name.</summary>
    Task<IReadOnlyList<CustomerView>> CustomersAsync(CancellationToken cancellationToken);
}
