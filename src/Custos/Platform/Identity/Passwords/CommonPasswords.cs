using System.Collections.Frozen;
using System.Reflection;

namespace Custos.Platform.Identity.Passwords;

/// <summary>
/// The blocklist of common and breached passwords (NIST SP 800-63B 3.1.1.2: compare against values known to be
/// commonly used, expected or compromised). It is zxcvbn's frequency list of the most common passwords from public
/// breach corpora (about 30,000 entries), shipped inside the zxcvbn-core package and loaded once.
/// </summary>
public static class CommonPasswords
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    /// <summary>How many passwords are on the list.</summary>
    public static int Count => List.Value.Count;

    /// <summary>Whether <paramref name="password"/> is on the list, ignoring case and surrounding spaces.</summary>
    public static bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return List.Value.Contains(password.Trim());
    }

    private static FrozenSet<string> Load()
    {
        var assembly = typeof(Zxcvbn.Zxcvbn).GetTypeInfo().Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("passwords.lst", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The common-password list is missing from the zxcvbn-core package.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0)
            {
                words.Add(word);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
