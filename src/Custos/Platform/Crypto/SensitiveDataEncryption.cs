using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Platform.Crypto;

/// <summary>
/// The convention that turns <see cref="SensitiveData.IsSensitive{TProperty}"/> into encryption at rest
/// (45 CFR 164.312(a)(2)(iv)): every property so marked gets a value converter that stores an AES-256-GCM envelope
/// (<see cref="SensitiveValueEnvelope"/>) bound to its table and column. Modules only declare.
/// </summary>
internal static class SensitiveDataEncryption
{
    /// <summary>Applies the converters; called at the end of <see cref="AppDbContext"/>'s model building.</summary>
    public static void Apply(ModelBuilder builder, DbContext context)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cipher = CipherFor(context);
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            foreach (var property in entityType.GetDeclaredProperties().Where(p => p.IsSensitive()))
            {
                if (property.GetValueConverter() is not null)
                {
                    throw new InvalidOperationException(
                        $"{entityType.DisplayName()}.{property.Name} is sensitive and already has a value converter; a sensitive property is stored only as ciphertext.");
                }

                var binding = BindingOf(property);
                property.SetValueConverter(property.ClrType == typeof(string)
                    ? new SensitiveStringConverter(cipher, binding)
                    : new SensitiveBytesConverter(cipher, binding));
            }
        }
    }

    /// <summary>What the model depends on besides the provider: the cipher its converters captured.</summary>
    public static object ModelCacheKey(DbContext context) => CipherFor(context);

    /// <summary>"table.column", the associated data that ties a value to where it is stored.</summary>
    public static string BindingOf(IReadOnlyProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var table = property.DeclaringType.ContainingEntityType.GetTableName()
            ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()} is not mapped to a table; a sensitive property needs one.");
        return $"{table}.{property.GetColumnName()}";
    }

    private static SensitiveFieldCipher CipherFor(DbContext context)
    {
        var options = ((IInfrastructure<IServiceProvider>)context).Instance.GetService<IDbContextOptions>();
        var services = options?.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        return services?.GetService<SensitiveFieldCipher>() ?? SensitiveFieldCipher.Unavailable;
    }

    private sealed class SensitiveStringConverter(SensitiveFieldCipher cipher, string binding) : ValueConverter<string, byte[]>(
        value => cipher.EncryptString(binding, value),
        stored => cipher.DecryptString(binding, stored));

    private sealed class SensitiveBytesConverter(SensitiveFieldCipher cipher, string binding) : ValueConverter<byte[], byte[]>(
        value => cipher.Encrypt(binding, value),
        stored => cipher.Decrypt(binding, stored));
}

/// <summary>
/// Makes sure the active data key is loaded (and created on first use) before a save that writes a sensitive value
/// begins its transaction, so that creating it never waits on the save's own write lock.
/// </summary>
internal sealed class SensitiveDataSaveInterceptor(DataKeyRing ring) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Prepare(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prepare(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Prepare(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var writesSensitive = context.ChangeTracker.Entries().Any(entry =>
            entry.State is EntityState.Added or EntityState.Modified &&
            entry.Properties.Any(p => p.Metadata.IsSensitive() && (entry.State == EntityState.Added || p.IsModified)));
        if (writesSensitive)
        {
            ring.ActiveFieldKey();
        }
    }
}
