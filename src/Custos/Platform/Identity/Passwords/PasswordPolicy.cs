using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Custos.Platform.Identity.Passwords;

/// <summary>Words that must not appear in a password because an attacker would try them first (the organization's name).</summary>
public interface IPasswordContextWords
{
    Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken);
}

/// <summary>
/// NIST SP 800-63B 3.1.1.2 as Custos applies it: at least 12 characters (counted as Unicode code points), up to 256,
/// any printable character including spaces, no composition rules, no periodic change; refused when on the
/// common-password list or when it contains the organization's name or the user's email name.
/// </summary>
public sealed class PasswordPolicy(IEnumerable<IPasswordContextWords> contextWords) : IPasswordValidator<CustosUser>
{
    public const int MinimumLength = IdentityDefaults.MinimumPasswordLength;
    public const int MaximumLength = IdentityDefaults.MaximumPasswordLength;

    // Names shorter than this would refuse too many good passwords ("al" in "metal").
    private const int MinimumContextWordLength = 4;

    public async Task<IdentityResult> ValidateAsync(UserManager<CustosUser> manager, CustosUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var words = new List<string>();
        foreach (var source in contextWords)
        {
            words.AddRange(await source.GetAsync(CancellationToken.None));
        }

        var errors = Check(password ?? string.Empty, user.Email, words);
        return errors.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(errors.Select(e => new IdentityError { Code = "Password", Description = e }).ToArray());
    }

    /// <summary>Every reason the password is refused, each a sentence that says what to do; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Check(string password, string? email, IEnumerable<string> organizationWords)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(organizationWords);
        var errors = new List<string>();
        var length = password.EnumerateRunes().Count();
        if (length < MinimumLength)
        {
            errors.Add($"Use at least {MinimumLength} characters; a few unrelated words with spaces make a strong, memorable password.");
            return errors;
        }

        if (length > MaximumLength)
        {
            errors.Add($"Use at most {MaximumLength} characters.");
            return errors;
        }

        if (password.EnumerateRunes().Any(r => Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned))
        {
            errors.Add("Use only printable characters (letters, digits, symbols and spaces).");
            return errors;
        }

        if (CommonPasswords.Contains(password) || CommonPasswords.Contains(password.Replace(" ", string.Empty, StringComparison.Ordinal)))
        {
            errors.Add("This password is on the list of common or breached passwords; choose one nobody else is likely to use.");
        }

        var normalized = Normalize(password);
        var emailName = email?.Split('@')[0];
        if (emailName is { Length: >= 3 } && normalized.Contains(Normalize(emailName), StringComparison.Ordinal))
        {
            errors.Add("Do not use your email name in your password.");
        }

        foreach (var word in organizationWords.SelectMany(SignificantWords).Distinct(StringComparer.Ordinal))
        {
            if (normalized.Contains(word, StringComparison.Ordinal))
            {
                errors.Add("Do not use the organization's name in your password.");
                break;
            }
        }

        return errors;
    }

    // Compared case-insensitively and without spaces or punctuation, so "Bright Water!" still contains "brightwater".
    private static string Normalize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<string> SignificantWords(string name)
    {
        var whole = Normalize(name);
        if (whole.Length >= MinimumContextWordLength)
        {
            yield return whole;
        }

        foreach (var part in name.Split([' ', ',', '.', '-', '&'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = Normalize(part);
            if (word.Length >= MinimumContextWordLength && !LegalSuffixes.Contains(word))
            {
                yield return word;
            }
        }
    }

    private static readonly HashSet<string> LegalSuffixes = new(StringComparer.Ordinal)
    {
        "inc", "llc", "ltd", "corp", "corporation", "company", "group", "health", "healthcare", "medical", "services", "the",
    };
}

/// <summary>How hard a password is to guess, from zxcvbn's estimator: for the meter on password forms.</summary>
/// <param name="Score">0 (too guessable) to 4 (very unguessable).</param>
/// <param name="Label">The score in words.</param>
/// <param name="CrackTime">zxcvbn's estimate of the time to guess it offline, in words.</param>
public sealed record PasswordStrength(int Score, string Label, string CrackTime)
{
    private static readonly string[] Labels = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];

    public static PasswordStrength Estimate(string password, IEnumerable<string> userInputs)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0)
        {
            return new PasswordStrength(0, Labels[0], "instant");
        }

        // zxcvbn's cost grows quickly with length; the first 100 characters are plenty for a meter.
        var sample = password.Length > 100 ? password[..100] : password;
        var result = Zxcvbn.Zxcvbn.MatchPassword(sample, userInputs);
        var score = Math.Clamp(result.Score, 0, 4);
        return new PasswordStrength(score, Labels[score], result.CrackTimeDisplay);
    }
}
