using Custos.Platform.Crypto;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Custos.Tests.Platform.Crypto;

/// <summary>The convention: whatever a module declares sensitive is stored as ciphertext, with a binding that rotation finds.</summary>
public sealed class SensitiveDataEncryptionTests
{
    [Theory, AllDatabaseProviders]
    public async Task Every_sensitive_property_is_stored_as_bytes_through_the_encrypting_converter(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var sensitive = await db.QueryAsync((context, _) => Task.FromResult(context.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .Where(p => p.IsSensitive())
            .ToList()));

        sensitive.ShouldNotBeEmpty();
        sensitive.ShouldAllBe(p => p.GetTypeMapping().Converter != null && p.GetTypeMapping().Converter!.ProviderClrType == typeof(byte[]));
        sensitive.Select(SensitiveDataEncryption.BindingOf).ShouldContain("platform_data_protection_keys.xml");
    }

    [Theory, AllDatabaseProviders]
    public async Task Rotation_finds_every_sensitive_column_under_its_stored_table_and_column_names(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var (bindings, columns) = await db.QueryAsync((context, _) =>
        {
            var model = context.Model;
            var stored = model.GetEntityTypes()
                .SelectMany(e => e.GetProperties().Where(p => p.IsSensitive())
                    .Select(p => $"{e.GetTableName()}.{p.GetColumnName(StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema()))}"))
                .Order(StringComparer.Ordinal)
                .ToList();
            return Task.FromResult((stored, SensitiveColumns.Discover(model)));
        });

        columns.Select(c => c.Binding).Order(StringComparer.Ordinal).ShouldBe(bindings);
        columns.Select(c => $"{c.Table}.{c.Column}").Order(StringComparer.Ordinal).ShouldBe(bindings);
    }

    [Fact]
    public void A_model_built_without_services_cannot_encrypt_and_says_why()
    {
        var error = Should.Throw<InvalidOperationException>(() => SensitiveFieldCipher.Unavailable.EncryptString("t.c", "value"));

        error.Message.ShouldContain("built without Custos's services");
    }
}
