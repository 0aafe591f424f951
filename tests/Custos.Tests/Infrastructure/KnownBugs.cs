namespace Custos.Tests.Infrastructure;

/// <summary>
/// Skip reasons for tests that state the intended behaviour of code with a reported, unfixed bug. The fix removes
/// the constant, the compiler then points at each test to re-enable. Never use these to hide a failure nobody reported.
/// </summary>
internal static class KnownBugs
{
    // None open. (SqliteKeepsTheOffsetOfATimestamp was fixed by storing the UTC instant on SQLite.)
}
