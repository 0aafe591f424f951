using System.Globalization;

namespace Custos.Platform.Audit;

/// <summary>
/// How long the ledger keeps an entry in the database before it may be removed to an archive.
/// 45 CFR 164.316(b)(2)(i): documentation of the actions and activities the Security Rule requires (the audit trail of
/// 164.312(b) among them) is retained six years from the date of its creation. An entry's creation is its
/// <c>time</c> (when it was recorded). The application removes nothing younger, and nothing at all that is not first
/// written to a verified archive (ADR 0006).
/// </summary>
public static class AuditRetention
{
    /// <summary>45 CFR 164.316(b)(2)(i): six years from creation.</summary>
    public const int MinimumYears = 6;

    /// <summary>The first instant at which an entry recorded at <paramref name="recordedAt"/> may leave the database.</summary>
    public static DateTimeOffset RemovableFrom(DateTimeOffset recordedAt) => recordedAt.ToUniversalTime().AddYears(MinimumYears);

    /// <summary>Whether an entry recorded at <paramref name="recordedAt"/> has been kept six years by <paramref name="now"/>.</summary>
    public static bool MayRemove(DateTimeOffset recordedAt, DateTimeOffset now) => RemovableFrom(recordedAt) <= now;

    /// <summary>The newest creation time that may be removed at <paramref name="now"/>: six years before it.</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now) => now.ToUniversalTime().AddYears(-MinimumYears);

    /// <summary>The refusal, in words an operator can act on.</summary>
    public static string Refusal(long from, long through, DateTimeOffset newest) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Entries {from} to {through - 1} include one recorded on {newest:yyyy-MM-dd}; the ledger keeps every entry in the database for " +
            $"{MinimumYears} years from its creation (45 CFR 164.316(b)(2)(i)). These can be archived from {RemovableFrom(newest):yyyy-MM-dd HH:mm} UTC.");
}
