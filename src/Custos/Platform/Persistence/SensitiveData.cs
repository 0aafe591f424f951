using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Platform.Persistence;

/// <summary>
/// The one declaration a module makes for a field that may hold PHI or secrets. The platform derives from it:
/// encryption at rest (45 CFR 164.312(a)(2)(iv)) and recording every read of an entity that has such a field in
/// the audit ledger (164.312(b)).
/// </summary>
public static class SensitiveData
{
    /// <summary>The EF model annotation that marks a property sensitive.</summary>
    public const string Annotation = "Custos:Sensitive";

    /// <summary>Marks a string or byte[] property sensitive.</summary>
    public static PropertyBuilder<TProperty> IsSensitive<TProperty>(this PropertyBuilder<TProperty> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (typeof(TProperty) != typeof(string) && typeof(TProperty) != typeof(byte[]))
        {
            throw new InvalidOperationException($"Only string and byte[] properties can be sensitive; {property.Metadata.Name} is {typeof(TProperty).Name}.");
        }

        return property.HasAnnotation(Annotation, true);
    }

    /// <summary>Whether the property was declared sensitive.</summary>
    public static bool IsSensitive(this IReadOnlyProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.FindAnnotation(Annotation)?.Value is true;
    }

    /// <summary>Whether any property of the entity type was declared sensitive.</summary>
    public static bool HasSensitiveData(this IReadOnlyEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return entityType.GetProperties().Any(IsSensitive);
    }
}
