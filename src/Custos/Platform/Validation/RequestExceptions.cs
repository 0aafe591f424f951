using FluentValidation.Results;

namespace Custos.Platform.Validation;

/// <summary>
/// The request was understood but breaks a rule. Carries field-level messages; the API turns it into an RFC 9457
/// validation problem and pages into field errors. Nothing has been saved when it is thrown.
/// </summary>
public sealed class InvalidRequestException : Exception
{
    public InvalidRequestException(IReadOnlyDictionary<string, string[]> errors)
        : base("The request is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
    {
        Errors = errors;
    }

    public InvalidRequestException(string field, string message)
        : this(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    internal static InvalidRequestException From(ValidationResult result) =>
        new(result.Errors
            .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal));
}

/// <summary>The record asked for does not exist (or is not visible to the caller).</summary>
public sealed class RecordNotFoundException(string recordType, string id)
    : Exception($"No {recordType} with id '{id}' exists.")
{
    public string RecordType { get; } = recordType;

    public string RecordId { get; } = id;
}
