using Custos.Platform.Identity.Passwords;

namespace Custos.Web.Pages;

/// <summary>What the strength meter shows: zxcvbn's estimate and any rule the password breaks.</summary>
public sealed record PasswordFeedback(PasswordStrength Strength, IReadOnlyList<string> Problems, bool Empty)
{
    public static PasswordFeedback For(string? password, string? email, IEnumerable<IPasswordContextWords> contextWords)
    {
        ArgumentNullException.ThrowIfNull(contextWords);
        if (string.IsNullOrEmpty(password))
        {
            return new PasswordFeedback(PasswordStrength.Estimate(string.Empty, []), [], Empty: true);
        }

        // The organization's name is checked on submit; the meter works without a database round trip per key press.
        var problems = PasswordPolicy.Check(password, email, []);
        var inputs = new List<string>();
        if (email is { Length: > 0 })
        {
            inputs.Add(email.Split('@')[0]);
        }

        return new PasswordFeedback(PasswordStrength.Estimate(password, inputs), problems, Empty: false);
    }
}
