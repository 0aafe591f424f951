using Custos.Platform.Persistence;
using Microsoft.Extensions.Configuration;

namespace Custos.Platform.Files;

/// <summary>
/// Where stored files live. Default: a <c>files</c> folder beside the SQLite database file, or <c>./data/files</c>
/// for PostgreSQL and in-memory SQLite; <c>Custos:Files:Path</c> sets it. Every node of a cluster must see the same
/// folder (a shared volume), because the database records which blobs exist.
/// </summary>
public sealed record FilesSettings(string RootPath)
{
    public const string PathKey = "Custos:Files:Path";

    public static FilesSettings FromConfiguration(IConfiguration configuration, DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        var configured = configuration[PathKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new FilesSettings(Path.GetFullPath(configured.Trim()));
        }

        return database.SqliteFilePath is { } databaseFile
            ? new FilesSettings(Path.Combine(Path.GetDirectoryName(databaseFile)!, "files"))
            : new FilesSettings(Path.GetFullPath(Path.Combine("data", "files")));
    }
}
