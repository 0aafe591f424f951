using System.Xml.Linq;
using Custos.Platform.Crypto;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Custos.Web.Hosting;

/// <summary>
/// ASP.NET Core Data Protection (cookies, antiforgery, Identity tokens) with its key ring in the database and its key
/// material wrapped by Custos's key-encryption key, so that every node behind a load balancer shares one ring and a
/// copy of the database alone cannot forge a session cookie.
/// </summary>
internal static class DataProtectionKeyRing
{
    /// <summary>Fixed, so every node (and every deployment path) derives the same protectors.</summary>
    public const string ApplicationName = "Custos";

    public static IServiceCollection AddCustosDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IServiceScopeFactory, KeyEncryptionKeyWrapper>((options, scopes, wrapper) =>
        {
            options.XmlRepository = new DatabaseXmlRepository(scopes);
            options.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(wrapper);
        });
        return services;
    }

    private sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var scope = scopes.CreateScope();
            return scope.ServiceProvider.GetRequiredService<DataProtectionKeyStore>().GetAll().Select(xml => XElement.Parse(xml)).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<DataProtectionKeyStore>().Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
        }
    }
}

/// <summary>Wraps a Data Protection key's secret element with the key-encryption key.</summary>
internal sealed class KeyEncryptionKeyXmlEncryptor(KeyEncryptionKeyWrapper wrapper) : IXmlEncryptor
{
    public const string Context = "custos/data-protection-key/v1";
    public static readonly XName ElementName = "custosWrappedKey";
    public static readonly XName KeyEncryptionKeyAttribute = "keyEncryptionKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var wrapped = wrapper.Wrap(plaintextElement.ToString(SaveOptions.DisableFormatting), Context);
        var element = new XElement(
            ElementName,
            new XAttribute(KeyEncryptionKeyAttribute, wrapped.KeyEncryptionKeyId),
            new XComment(" Wrapped with AES-256-GCM by Custos's key-encryption key (README, 'Keys and backups'). "),
            Convert.ToBase64String(wrapped.Ciphertext));
        return new EncryptedXmlInfo(element, typeof(KeyEncryptionKeyXmlDecryptor));
    }
}

/// <summary>
/// Unwraps what <see cref="KeyEncryptionKeyXmlEncryptor"/> wrapped. Public with an <see cref="IServiceProvider"/>
/// constructor because Data Protection creates decryptors by type name.
/// </summary>
public sealed class KeyEncryptionKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var wrapped = new WrappedKey(
            (string?)encryptedElement.Attribute(KeyEncryptionKeyXmlEncryptor.KeyEncryptionKeyAttribute) ?? string.Empty,
            Convert.FromBase64String(encryptedElement.Value.Trim()));
        return XElement.Parse(services.GetRequiredService<KeyEncryptionKeyWrapper>().Unwrap(wrapped, KeyEncryptionKeyXmlEncryptor.Context));
    }
}
