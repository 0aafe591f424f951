using System.Security.Cryptography;
using System.Text;
using Custos.Platform.Identity;

namespace Custos.Modules.Incidents;

/// <summary>
/// The public anonymous form (45 CFR 164.530(d): a process to make complaints; 164.530(g): no retaliation): anyone can
/// report without an account; they get a receipt code, shown once and stored only as a hash, to follow up with.
/// </summary>
public sealed class ReportIncidentAnonymously(IncidentIntake intake)
{
    public Task<IncidentReceipt> HandleAsync(ReportIncidentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return intake.ReportAsync(command, Actor.Anonymous, anonymous: true, cancellationToken);
    }
}

/// <summary>Receipt codes: 20 symbols of a 30-letter alphabet without look-alikes (about 98 bits), in groups of five.</summary>
internal static class ReceiptCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
    private const int Length = 20;

    public static string New()
    {
        var symbols = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            symbols[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Join('-', Enumerable.Range(0, Length / 5).Select(g => new string(symbols, g * 5, 5)));
    }

    /// <summary>Hex SHA-256 of the code without dashes or spaces, upper case. The code's entropy makes a salt unnecessary.</summary>
    public static string Hash(string code)
    {
        var normalized = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
