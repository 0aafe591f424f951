using System.Collections.Concurrent;

namespace Custos.Phi.Deidentification;

/// <summary>
/// What a de-identification run changed, by kind of change and count: never a value, so the report itself holds no PHI
/// and can be kept with the data set's documentation.
/// </summary>
public sealed class DeidentificationReport
{
    private readonly ConcurrentDictionary<string, int> _changes = new(StringComparer.Ordinal);

    /// <summary>Creates an empty report.</summary>
    /// <param name="method">The method used, for the label.</param>
    public DeidentificationReport(DeidentificationMethod method)
    {
        Method = method;
    }

    /// <summary>The method; reports of other methods say plainly that they are not Safe Harbor.</summary>
    public DeidentificationMethod Method { get; }

    /// <summary>A one-line label of the method with its citation.</summary>
    public string MethodLabel => Method == DeidentificationMethod.SafeHarbor
        ? "Safe Harbor, 45 CFR 164.514(b)(2)"
        : "NOT Safe Harbor: dates shifted (limited data set, 164.514(e), or expert determination, 164.514(b)(1))";

    /// <summary>Records (rows, resources or documents) processed.</summary>
    public long Records { get; private set; }

    /// <summary>Changes by kind ("field:BirthDate", "text:NAME", ...), sorted by kind.</summary>
    public IReadOnlyDictionary<string, int> Changes => new SortedDictionary<string, int>(_changes, StringComparer.Ordinal);

    /// <summary>All changes together.</summary>
    public int TotalChanges => _changes.Values.Sum();

    internal void Count(string kind, int n = 1)
    {
        if (n > 0)
        {
            _changes.AddOrUpdate(kind, n, (_, old) => old + n);
        }
    }

    internal void AddRecords(long n) => Records += n;
}
