namespace Custos.Modules.Safeguards.Catalog;

/// <summary>
/// The organization's implementation status of each requirement, keyed by <see cref="CatalogRequirement.Key"/>, as the
/// catalog listing shows it. The Safeguards module's control implementations provide it; until one is registered,
/// <see cref="NotAssessedStatusSource"/> says every requirement is not assessed (never compliant: issue 7, item 2).
/// </summary>
public interface IRequirementStatusSource
{
    /// <summary>Status per requirement key, in snake_case (<see cref="RequirementStatusNames"/>); a missing key is not assessed.</summary>
    Task<IReadOnlyDictionary<string, string>> GetStatusesAsync(CancellationToken cancellationToken);
}

/// <summary>The status names the listing prints (snake_case, stable for scripts).</summary>
public static class RequirementStatusNames
{
    public const string NotAssessed = "not_assessed";
    public const string Planned = "planned";
    public const string PartiallyImplemented = "partially_implemented";
    public const string Implemented = "implemented";
    public const string NotApplicable = "not_applicable";
}

/// <summary>The default source: nothing has been assessed.</summary>
public sealed class NotAssessedStatusSource : IRequirementStatusSource
{
    public static NotAssessedStatusSource Instance { get; } = new();

    public Task<IReadOnlyDictionary<string, string>> GetStatusesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(StringComparer.Ordinal));
}
