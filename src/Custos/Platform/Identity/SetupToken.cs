namespace Custos.Platform.Identity;

/// <summary>
/// A one-time token that lets the first administrator be created. Only its SHA-256 hash is stored,
/// so a copy of the database does not hand out the link.
/// </summary>
internal sealed class SetupToken
{
    private SetupToken()
    {
        TokenHash = string.Empty;
    }

    public SetupToken(Guid id, string tokenHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>
    /// Every token serves the one first-run setup. A unique index over this column for used tokens means only one
    /// token can ever be consumed, even when several nodes issued tokens at the same start.
    /// </summary>
    public const string FirstAdministratorPurpose = "first-administrator";

    public Guid Id { get; private set; }

    public string Purpose { get; private set; } = FirstAdministratorPurpose;

    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
