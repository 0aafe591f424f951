using System.Globalization;
using System.Security.Cryptography;

namespace Custos.Tests.Infrastructure;

/// <summary>
/// Names for what one run of the suite creates outside the process (SQLite files, PostgreSQL databases). They carry
/// the run's start time, so a later run can remove what a killed run left behind without touching a run in progress.
/// </summary>
internal static class TestRun
{
    public const string TimestampFormat = "yyyyMMddHHmmss";

    /// <summary>Leftovers older than this belong to a run that can no longer be going on.</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(12);

    // The real clock on purpose: these names must be ordered against other runs, not against a test's fake time.
    public static readonly DateTimeOffset StartedAt = TimeProvider.System.GetUtcNow();

    public static readonly string Id =
        StartedAt.ToString(TimestampFormat, CultureInfo.InvariantCulture) + "_" + RandomHex(3);

    public static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>True when <paramref name="runId"/> starts with a timestamp older than <see cref="LeftoverAge"/>.</summary>
    public static bool IsLeftover(string runId) =>
        runId.Length >= TimestampFormat.Length
        && DateTimeOffset.TryParseExact(
            runId[..TimestampFormat.Length], TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var startedAt)
        && startedAt < StartedAt - LeftoverAge;
}
