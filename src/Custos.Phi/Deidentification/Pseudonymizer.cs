using System.Security.Cryptography;
using System.Text;

namespace Custos.Phi.Deidentification;

/// <summary>
/// Re-identification codes as 45 CFR 164.514(c) allows them: HMAC-SHA256 of the value under a secret key, so a code is
/// not derived from the information in a way that can be reversed without the key ((c)(1)), and the key is kept apart
/// from the data and never disclosed ((c)(2)). The same key and value always give the same code; a different key
/// gives unrelated codes. Re-identification means recomputing codes for candidate values with the key.
/// </summary>
public sealed class Pseudonymizer
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ0123456789"; // no I, L, O, U: codes are read aloud and typed

    private readonly byte[] _key;

    /// <summary>Creates a pseudonymizer with a key of at least 32 bytes.</summary>
    /// <param name="key">The secret key (keep it apart from the data).</param>
    public Pseudonymizer(ReadOnlySpan<byte> key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("A pseudonymization key must be at least 32 bytes (256 bits).", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>
    /// Called with every code issued and the value it replaces (from any thread), so that a host can record the pairs
    /// where only an authorized person can read them back (Custos stores them encrypted, for re-identification with a
    /// stated purpose under 164.514(c)). Null by default: nothing leaves the pseudonymizer.
    /// </summary>
    public Action<PseudonymIssued>? Issued { get; set; }

    /// <summary>A new random 32-byte key.</summary>
    /// <returns>The key.</returns>
    public static byte[] CreateKey() => RandomNumberGenerator.GetBytes(32);

    /// <summary>The code for <paramref name="value"/> of <paramref name="type"/>, such as <c>NAME-7KQ2M9XW4HTR</c>.</summary>
    /// <param name="type">The identifier type; the same value under two types gets two codes.</param>
    /// <param name="value">The value; case and surrounding white space are ignored.</param>
    /// <returns>The type name, a dash and 12 characters (60 bits) of the HMAC.</returns>
    public string Code(PhiType type, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = PhiTypes.Name(type) + "\u001f" + value.Trim().ToUpperInvariant();
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalized), mac);
        Span<char> code = stackalloc char[12];
        ulong bits = BitConverter.ToUInt64(mac);
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        var result = PhiTypes.Name(type) + "-" + new string(code);
        Issued?.Invoke(new PseudonymIssued(result, type, value.Trim()));
        return result;
    }

    /// <summary>Whether <paramref name="code"/> is the code of <paramref name="candidate"/> under this key (re-identification).</summary>
    /// <param name="code">A code produced by <see cref="Code"/>.</param>
    /// <param name="type">The identifier type.</param>
    /// <param name="candidate">A value to test.</param>
    /// <returns>True when the candidate produces the code.</returns>
    public bool Matches(string code, PhiType type, string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(code ?? string.Empty), Encoding.ASCII.GetBytes(new Pseudonymizer(_key).Code(type, candidate)));

    /// <summary>A deterministic UUID-shaped code for a UUID-shaped identifier, so references between records still resolve.</summary>
    /// <param name="value">The identifier.</param>
    /// <returns>A UUID (version 8 layout) derived from the HMAC.</returns>
    public string Uuid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("UUID\u001f" + value.ToUpperInvariant()), mac);
        mac[6] = (byte)((mac[6] & 0x0F) | 0x80);
        mac[8] = (byte)((mac[8] & 0x3F) | 0x80);
        return new Guid(mac[..16], bigEndian: true).ToString();
    }
}

/// <summary>A code the <see cref="Pseudonymizer"/> issued and the value it stands for.</summary>
/// <param name="Code">The code (<c>NAME-7KQ2M9XW4HTR</c>).</param>
/// <param name="Type">The identifier type.</param>
/// <param name="Value">The original value, trimmed: PHI.</param>
public readonly record struct PseudonymIssued(string Code, PhiType Type, string Value)
{
    /// <summary>The code and type only: the value is PHI and must not reach a log by accident.</summary>
    /// <returns>For example <c>NAME-7KQ2M9XW4HTR (NAME)</c>.</returns>
    public override string ToString() => $"{Code} ({PhiTypes.Name(Type)})";
}
