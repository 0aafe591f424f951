namespace Custos.Platform.Crypto;

/// <summary>
/// One element of ASP.NET Core Data Protection's key ring (a key or a revocation), kept in the database so that every
/// node shares it. The XML is a sensitive field: envelope-encrypted like any other, and the key material inside it
/// is also wrapped by the key-encryption key by Data Protection's own XML encryptor.
/// </summary>
internal sealed class DataProtectionKeyRecord
{
    private DataProtectionKeyRecord()
    {
        FriendlyName = string.Empty;
        Xml = string.Empty;
    }

    public DataProtectionKeyRecord(Guid id, string friendlyName, string xml, DateTimeOffset createdAt)
    {
        Id = id;
        FriendlyName = friendlyName;
        Xml = xml;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string FriendlyName { get; private set; }

    public string Xml { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
