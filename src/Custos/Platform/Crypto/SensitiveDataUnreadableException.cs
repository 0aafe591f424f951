namespace Custos.Platform.Crypto;

/// <summary>
/// An encrypted value or key cannot be decrypted: it was altered, copied from another column or database, or needs
/// a key this installation does not have. Never carries the value itself. Custos fails loudly here rather than
/// returning garbage (45 CFR 164.312(c)(1): integrity).
/// </summary>
public sealed class SensitiveDataUnreadableException : Exception
{
    public SensitiveDataUnreadableException(string message)
        : base(message)
    {
    }

    public SensitiveDataUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
