using System.Globalization;
using Custos.Platform.Persistence;
using Microsoft.Extensions.Configuration;

namespace Custos.Platform.Crypto;

/// <summary>Where the key-encryption key comes from.</summary>
public enum KeyEncryptionKeySource
{
    /// <summary>Base64 of 32 bytes in configuration (an environment variable, a secrets manager).</summary>
    ConfiguredValue,

    /// <summary>A file holding base64 of 32 bytes; created on first run when the database has no keys yet.</summary>
    File,

    /// <summary>An in-memory SQLite database: the key lives as long as the process, like the data.</summary>
    Ephemeral,

    /// <summary>Nothing configured and no default applies (PostgreSQL): using encryption fails with a clear message.</summary>
    Missing,
}

/// <summary>
/// The field-encryption settings, read once. The key-encryption key (KEK) never lives in the database
/// (45 CFR 164.312(a)(2)(iv): the database alone must not be enough to read the sensitive fields).
/// </summary>
public sealed record CryptoSettings(
    KeyEncryptionKeySource Source,
    string? KeyEncryptionKey,
    string? KeyEncryptionKeyFile,
    TimeSpan KeyRingRefreshInterval)
{
    public const string KeyEncryptionKeyKey = "Custos:Crypto:KeyEncryptionKey";
    public const string KeyEncryptionKeyFileKey = "Custos:Crypto:KeyEncryptionKeyFile";
    public const string KeyRingRefreshIntervalKey = "Custos:Crypto:KeyRingRefreshInterval";
    public const string DefaultKeyFileName = "custos.kek";
    public static readonly TimeSpan DefaultKeyRingRefreshInterval = TimeSpan.FromMinutes(2);

    /// <summary>The setting an operator fixes when the key is missing or wrong.</summary>
    public string SettingName => Source == KeyEncryptionKeySource.ConfiguredValue ? KeyEncryptionKeyKey : KeyEncryptionKeyFileKey;

    /// <summary>
    /// How long a retiring data key may still be used for new values by a node that has not yet reloaded the key
    /// ring: a key is retired only after this much time has passed since rotation began.
    /// </summary>
    public TimeSpan RetirementGracePeriod => KeyRingRefreshInterval * 2;

    public static CryptoSettings FromConfiguration(IConfiguration configuration, DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);

        var refresh = DefaultKeyRingRefreshInterval;
        var refreshText = configuration[KeyRingRefreshIntervalKey];
        if (!string.IsNullOrWhiteSpace(refreshText) &&
            (!TimeSpan.TryParse(refreshText, CultureInfo.InvariantCulture, out refresh) || refresh < TimeSpan.Zero || refresh > TimeSpan.FromHours(1)))
        {
            throw new CustosConfigurationException(KeyRingRefreshIntervalKey, $"'{refreshText}' is not a duration between 00:00:00 and 01:00:00 (hh:mm:ss).");
        }

        var value = configuration[KeyEncryptionKeyKey];
        var file = configuration[KeyEncryptionKeyFileKey];
        if (!string.IsNullOrWhiteSpace(value) && !string.IsNullOrWhiteSpace(file))
        {
            throw new CustosConfigurationException(
                KeyEncryptionKeyKey,
                $"both {KeyEncryptionKeyKey} and {KeyEncryptionKeyFileKey} are set. Set one: the key itself (base64 of 32 bytes) or the path of the file that holds it.");
        }

        if (!string.IsNullOrWhiteSpace(value))
        {
            LocalKeyEncryptionKey.Parse(value, KeyEncryptionKeyKey);
            return new CryptoSettings(KeyEncryptionKeySource.ConfiguredValue, value.Trim(), null, refresh);
        }

        if (!string.IsNullOrWhiteSpace(file))
        {
            return new CryptoSettings(KeyEncryptionKeySource.File, null, Path.GetFullPath(file.Trim()), refresh);
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // The zero-setup default: the key file beside the database file. It guards a copied database file or
            // a database-only backup; production moves the key elsewhere (README, "Keys and backups").
            return database.SqliteFilePath is { } databaseFile
                ? new CryptoSettings(KeyEncryptionKeySource.File, null, Path.Combine(Path.GetDirectoryName(databaseFile)!, DefaultKeyFileName), refresh)
                : new CryptoSettings(KeyEncryptionKeySource.Ephemeral, null, null, refresh);
        }

        return new CryptoSettings(KeyEncryptionKeySource.Missing, null, null, refresh);
    }
}
