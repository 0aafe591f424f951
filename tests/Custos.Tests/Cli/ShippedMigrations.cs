using Microsoft.EntityFrameworkCore.Migrations;

namespace Custos.Tests.Cli;

/// <summary>How many migrations ship (the same names for both providers), so tests keep passing as migrations are added.</summary>
internal static class ShippedMigrations
{
    public static int Count { get; } = typeof(Custos.Migrations.Sqlite.DesignTimeContextFactory).Assembly.GetTypes()
        .Count(t => t.IsDefined(typeof(MigrationAttribute), inherit: false));

    /// <summary>"1 migration" or "2 migrations", as the CLI words it.</summary>
    public static string Described(string noun = "migration") => Count == 1 ? $"1 {noun}" : $"{Count} {noun}s";
}
