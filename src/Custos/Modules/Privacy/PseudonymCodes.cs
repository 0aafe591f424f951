using System.Text.RegularExpressions;

namespace Custos.Modules.Privacy;

/// <summary>The shape of a re-identification code issued by Custos.Phi's Pseudonymizer: a type name, a dash, 12 characters.</summary>
public static partial class PseudonymCodes
{
    /// <summary>How many codes one re-identification request may name.</summary>
    public const int MaximumPerRequest = 100;

    /// <summary>Whether <paramref name="code"/> has the shape of a code (<c>NAME-7KQ2M9XW4HTR</c>).</summary>
    public static bool IsWellFormed(string? code) => code is not null && Shape().IsMatch(code);

    [GeneratedRegex("^[A-Z][A-Z0-9_]{1,30}-[0-9A-HJKMNP-TV-Z]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
