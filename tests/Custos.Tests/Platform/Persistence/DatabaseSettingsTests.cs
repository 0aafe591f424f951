using Custos.Platform;
using Custos.Platform.Persistence;
using Microsoft.Extensions.Configuration;

namespace Custos.Tests.Platform.Persistence;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void With_nothing_configured_Custos_uses_SQLite_in_the_data_folder_and_migrates_on_startup()
    {
        var configuration = Configuration();

        var settings = DatabaseSettings.FromConfiguration(configuration);

        settings.Provider.ShouldBe(DatabaseProvider.Sqlite);
        settings.ConnectionString.ShouldBe("Data Source=./data/custos.db");
        settings.SqliteFilePath.ShouldBe(Path.GetFullPath("./data/custos.db"));
        settings.MigrateOnStartup.ShouldBeTrue();
    }

    [Theory]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData(" Postgres ", DatabaseProvider.Postgres)]
    [InlineData("SQLITE", DatabaseProvider.Sqlite)]
    public void The_provider_name_is_read_in_any_case(string configured, DatabaseProvider expected)
    {
        var connectionString = expected == DatabaseProvider.Sqlite ? "Data Source=custos.db" : "Host=localhost;Database=custos;Username=custos";
        var configuration = Configuration((DatabaseSettings.ProviderKey, configured), (DatabaseSettings.ConnectionStringKey, connectionString));

        var settings = DatabaseSettings.FromConfiguration(configuration);

        settings.Provider.ShouldBe(expected);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("7")]
    public void An_unknown_provider_is_refused_naming_the_setting(string configured)
    {
        var configuration = Configuration((DatabaseSettings.ProviderKey, configured));

        var error = Should.Throw<CustosConfigurationException>(() => DatabaseSettings.FromConfiguration(configuration));

        error.Setting.ShouldBe("Database:Provider");
        error.Message.ShouldContain("Database:Provider");
        error.Message.ShouldContain($"'{configured}'");
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_is_refused_naming_the_connection_string_setting()
    {
        var configuration = Configuration((DatabaseSettings.ProviderKey, "Postgres"));

        var error = Should.Throw<CustosConfigurationException>(() => DatabaseSettings.FromConfiguration(configuration));

        error.Setting.ShouldBe("ConnectionStrings:Custos");
        error.Message.ShouldContain("ConnectionStrings:Custos");
    }

    [Fact]
    public void A_connection_string_the_provider_cannot_parse_is_refused_naming_the_setting()
    {
        var configuration = Configuration((DatabaseSettings.ConnectionStringKey, "Data Sauce=custos.db"));

        var error = Should.Throw<CustosConfigurationException>(() => DatabaseSettings.FromConfiguration(configuration));

        error.Setting.ShouldBe("ConnectionStrings:Custos");
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("True", true)]
    public void Migrate_on_startup_can_be_turned_off(string configured, bool expected)
    {
        var configuration = Configuration((DatabaseSettings.MigrateOnStartupKey, configured));

        var settings = DatabaseSettings.FromConfiguration(configuration);

        settings.MigrateOnStartup.ShouldBe(expected);
    }

    [Fact]
    public void A_migrate_on_startup_value_that_is_not_true_or_false_is_refused_naming_the_setting()
    {
        var configuration = Configuration((DatabaseSettings.MigrateOnStartupKey, "yes"));

        var error = Should.Throw<CustosConfigurationException>(() => DatabaseSettings.FromConfiguration(configuration));

        error.Setting.ShouldBe("Database:MigrateOnStartup");
        error.Message.ShouldContain("Database:MigrateOnStartup");
        error.Message.ShouldContain("'yes'");
    }

    [Fact]
    public void The_described_PostgreSQL_target_leaves_out_the_password()
    {
        var settings = DatabaseSettings.FromConfiguration(Configuration(
            (DatabaseSettings.ProviderKey, "Postgres"),
            (DatabaseSettings.ConnectionStringKey, "Host=db.internal;Port=5433;Database=custos;Username=custos;Password=hunter2-secret")));

        var description = settings.DescribeTarget();

        description.ShouldBe("PostgreSQL database 'custos' on db.internal:5433 as 'custos'");
        description.ShouldNotContain("hunter2-secret");
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
