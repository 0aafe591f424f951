namespace Custos.Tests.Infrastructure;

/// <summary>
/// Skip reasons for tests that state the intended behaviour of code with a reported, unfixed bug. The fix removes
/// the constant, the compiler then points at each test to re-enable. Never use these to hide a failure nobody reported.
/// </summary>
internal static class KnownBugs
{
    public const string SqliteKeepsTheOffsetOfATimestamp =
        "Known bug: on SQLite, AppDbContext stores DateTimeOffset with EF's DateTimeOffsetToBinaryConverter, which encodes " +
        "the local clock time and the offset, so a value with a non-zero offset comes back with that offset and sorts and " +
        "compares by wall-clock time instead of by instant. Remove this skip when the SQLite converter normalizes to UTC.";
}
