namespace Custos.Modules.Safeguards;

/// <summary>
/// One switch of an optional catalog profile (such as the January 2025 proposed Security Rule update) on or off. Rows
/// are only ever added: the latest row per profile is the setting, the rows before it are its history, and the
/// register as of a past date uses the setting in force that day.
/// </summary>
internal sealed class CatalogProfileChoice
{
    private CatalogProfileChoice()
    {
        ProfileId = string.Empty;
        ChangedBy = string.Empty;
    }

    public CatalogProfileChoice(Guid id, string profileId, bool enabled, DateTimeOffset changedAt, string changedBy)
    {
        Id = id;
        ProfileId = profileId;
        Enabled = enabled;
        ChangedAt = changedAt;
        ChangedBy = changedBy;
    }

    public Guid Id { get; private set; }

    public string ProfileId { get; private set; }

    public bool Enabled { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public string ChangedBy { get; private set; }
}

/// <summary>
/// The catalog version the organization last saw, kept whole (<see cref="Catalog.CatalogSnapshot"/>) so that after an
/// upgrade in place the difference can be reported (ADR 0014, ADR 0022). One row.
/// </summary>
internal sealed class CatalogState
{
    public const int SingletonId = 1;

    private CatalogState()
    {
        Version = string.Empty;
        Snapshot = string.Empty;
    }

    public CatalogState(string version, string snapshot, DateTimeOffset storedAt)
    {
        Id = SingletonId;
        Version = version;
        Snapshot = snapshot;
        StoredAt = storedAt;
    }

    public int Id { get; private set; }

    public string Version { get; private set; }

    public string Snapshot { get; private set; }

    public DateTimeOffset StoredAt { get; private set; }

    public void Replace(string version, string snapshot, DateTimeOffset storedAt)
    {
        Version = version;
        Snapshot = snapshot;
        StoredAt = storedAt;
    }
}

/// <summary>A stored catalog upgrade report: what one upgrade changed and which of it the organization had worked on.</summary>
internal sealed class CatalogUpgrade
{
    private CatalogUpgrade()
    {
        FromVersion = string.Empty;
        ToVersion = string.Empty;
        Report = string.Empty;
    }

    public CatalogUpgrade(Guid id, string fromVersion, string toVersion, string report, DateTimeOffset detectedAt)
    {
        Id = id;
        FromVersion = fromVersion;
        ToVersion = toVersion;
        Report = report;
        DetectedAt = detectedAt;
    }

    public Guid Id { get; private set; }

    public string FromVersion { get; private set; }

    public string ToVersion { get; private set; }

    /// <summary>The entries as JSON (<see cref="CatalogUpgradeEntries"/>).</summary>
    public string Report { get; private set; }

    public DateTimeOffset DetectedAt { get; private set; }

    public DateTimeOffset? DismissedAt { get; private set; }

    public string? DismissedBy { get; private set; }

    public void Dismiss(DateTimeOffset now, string by)
    {
        DismissedAt ??= now;
        DismissedBy ??= by;
    }
}
