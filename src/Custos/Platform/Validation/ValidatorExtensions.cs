using FluentValidation;

namespace Custos.Platform.Validation;

public static class ValidatorExtensions
{
    /// <summary>Validates and throws <see cref="InvalidRequestException"/> with every field error at once.</summary>
    public static async Task ValidateOrThrowAsync<T>(this IValidator<T> validator, T request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validator);
        var result = await validator.ValidateAsync(request, cancellationToken);
        if (!result.IsValid)
        {
            throw InvalidRequestException.From(result);
        }
    }
}
