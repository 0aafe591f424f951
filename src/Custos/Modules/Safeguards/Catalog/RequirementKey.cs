namespace Custos.Modules.Safeguards.Catalog;

/// <summary>
/// The key conventions shared by the catalog (code and data) and the organization's own records (database).
/// Catalog keys are citations or <c>profile:slug</c>; custom requirements that an organization adds are stored
/// by the Safeguards module with keys that start with <see cref="CustomPrefix"/>, so the two can never collide and an
/// upgrade of the catalog never touches a custom requirement.
/// </summary>
public static class RequirementKey
{
    public const string CustomPrefix = "custom:";

    /// <summary>The longest key any module stores (a column width the database can rely on).</summary>
    public const int MaximumLength = 120;

    public static bool IsCustom(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(CustomPrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// A custom key from a short identifier chosen by the user or an import (<c>soc2-cc6.1</c> -> <c>custom:soc2-cc6.1</c>).
    /// </summary>
    public static string ForCustom(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var key = IsCustom(identifier) ? identifier : CustomPrefix + identifier;
        if (!IsValidCustom(key))
        {
            throw new ArgumentException(
                $"A custom requirement identifier uses letters, digits, '.', '-', '_', '(' and ')' only, and at most {MaximumLength - CustomPrefix.Length} characters.",
                nameof(identifier));
        }

        return key;
    }

    /// <summary>True when <paramref name="key"/> is <see cref="CustomPrefix"/> followed by 1 or more allowed characters.</summary>
    public static bool IsValidCustom(string? key)
    {
        if (key is null || !IsCustom(key) || key.Length == CustomPrefix.Length || key.Length > MaximumLength)
        {
            return false;
        }

        foreach (var c in key.AsSpan(CustomPrefix.Length))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '(' or ')'))
            {
                return false;
            }
        }

        return true;
    }
}
