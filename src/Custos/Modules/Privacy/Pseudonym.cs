namespace Custos.Modules.Privacy;

/// <summary>
/// One re-identification code and the value it stands for, recorded when a data set is pseudonymized through Custos.
/// The codes are one-way HMACs (45 CFR 164.514(c)(1)); this table is what lets an authorized person go back, and the
/// only way to: the value is declared sensitive, so it is encrypted at rest and every read of it lands in the ledger.
/// </summary>
internal sealed class Pseudonym
{
    public const int CodeLength = 64;
    public const int TypeLength = 32;
    public const int DataSetLength = 200;
    public const int ValueLength = 2000;

    private Pseudonym(Guid id, string code, string type, string value, string dataSet, DateTimeOffset recordedAt, string recordedBy)
    {
        Id = id;
        Code = code;
        Type = type;
        Value = value;
        DataSet = dataSet;
        RecordedAt = recordedAt;
        RecordedBy = recordedBy;
    }

    public Guid Id { get; private set; }

    /// <summary>The code as it appears in the de-identified data (<c>NAME-7KQ2M9XW4HTR</c>); not PHI.</summary>
    public string Code { get; private set; }

    /// <summary>The identifier type (<c>NAME</c>, <c>MRN</c>, ...).</summary>
    public string Type { get; private set; }

    /// <summary>The original value: PHI.</summary>
    public string Value { get; private set; }

    /// <summary>Which data set the code was issued for (a label the operator chose, never PHI).</summary>
    public string DataSet { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string RecordedBy { get; private set; }

    public static Pseudonym Record(string code, string type, string value, string dataSet, DateTimeOffset now, string recordedBy) =>
        new(Guid.CreateVersion7(now), code, type, value, dataSet, now, recordedBy);
}
