using System.Security.Cryptography;
using System.Text;

namespace Custos.Platform.Identity.ApiKeys;

/// <summary>
/// The bearer token format <c>custos_&lt;prefix&gt;_&lt;secret&gt;</c>: a 12-character visible prefix (48 random bits,
/// used to find the key and to recognise it in lists and leaked-secret scanners) and a 64-character secret (256 bits
/// from the CSPRNG). A 256-bit random secret cannot be guessed, so a fast SHA-256 of the whole token is the right
/// stored verifier (a slow password hash protects low-entropy secrets only).
/// </summary>
internal static class ApiKeyToken
{
    public const string Scheme = "custos";
    public const int PrefixLength = 12;
    public const int SecretLength = 64;

    public static (string Prefix, string Token) Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretLength / 2));
        return (prefix, $"{Scheme}_{prefix}_{secret}");
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The prefix of a well-formed token, or null: malformed tokens never reach the database.</summary>
    public static string? PrefixOf(string token)
    {
        if (token.Length != Scheme.Length + 1 + PrefixLength + 1 + SecretLength
            || !token.StartsWith(Scheme + "_", StringComparison.Ordinal)
            || token[Scheme.Length + 1 + PrefixLength] != '_')
        {
            return null;
        }

        var prefix = token.Substring(Scheme.Length + 1, PrefixLength);
        var secret = token[(Scheme.Length + 1 + PrefixLength + 1)..];
        return IsLowerHex(prefix) && IsLowerHex(secret) ? prefix : null;
    }

    public static bool Matches(byte[] storedHash, string token) =>
        CryptographicOperations.FixedTimeEquals(storedHash, Hash(token));

    private static bool IsLowerHex(string text) => text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
