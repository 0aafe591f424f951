using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Benchmarks.Organization;

/// <summary>
/// The customer list on a SQLite file holding 10,000 customers, through the real handler. The claim it checks:
/// a page deep in the list, reached by its cursor, costs about the same as the first page (ratio near 1), because the
/// cursor becomes an index seek (<c>search_name &gt; @after</c>) instead of OFFSET, which walks every skipped row.
/// The "SQL" category measures the same table with plain SQL, so the OFFSET cost it avoids is measured, not assumed.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 10)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CustomerListBenchmarks
{
    private const string HandlerCategory = "Handler";
    private const string SqlCategory = "SQL";

    public const int CustomerCount = 10_000;
    public const int PageSize = 25;
    public const int DeepPageStartsAfter = 9_000;
    public const string SearchText = "health";

    // Several words, so that names sort in an order unrelated to insertion; some contain "health" for the search.
    private static readonly string[] Places =
        ["Riverbend", "Cascade", "Summit", "Harbor", "Pinecrest", "Lakeside", "Meadowbrook", "Granite", "Sunrise", "Willow"];

    private static readonly string[] Kinds =
        ["Community Health", "Family Clinic", "Health Plan", "Medical Group", "Claims Exchange", "Pediatrics", "Care Partners", "Orthopedics"];

    private string _folder = string.Empty;
    private ServiceProvider _services = null!;
    private string _deepCursor = string.Empty;
    private string _connectionString = string.Empty;
    private string _deepAfter = string.Empty;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"custos-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        _connectionString = $"Data Source={Path.Combine(_folder, "custos.db")}";
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [DatabaseSettings.ProviderKey] = nameof(DatabaseProvider.Sqlite),
                [DatabaseSettings.ConnectionStringKey] = _connectionString,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCustosCore(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        using (var scope = _services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(progress: null, CancellationToken.None);
        }

        await AddCustomersAsync();
        _deepCursor = await FindCursorAfterAsync(DeepPageStartsAfter);
        _deepAfter = await SearchNameAtRowAsync(DeepPageStartsAfter);
        await EnsureSetUpAsExpectedAsync();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [BenchmarkCategory(HandlerCategory)]
    [Benchmark(Baseline = true, Description = "First page (25)")]
    public Task<CustomerPage> FirstPage() => ListAsync(new ListCustomersQuery(Limit: PageSize));

    [BenchmarkCategory(HandlerCategory)]
    [Benchmark(Description = "Page after row 9,000, by cursor")]
    public Task<CustomerPage> DeepPageByCursor() => ListAsync(new ListCustomersQuery(Cursor: _deepCursor, Limit: PageSize));

    [BenchmarkCategory(HandlerCategory)]
    [Benchmark(Description = "Search \"health\", first page")]
    public Task<CustomerPage> Search() => ListAsync(new ListCustomersQuery(Search: SearchText, Limit: PageSize));

    // Plain SQL on the same file, outside any module: a measurement of the database, not a way to read customers.
    [BenchmarkCategory(SqlCategory)]
    [Benchmark(Baseline = true, Description = "SQL: ORDER BY name LIMIT 26 OFFSET 0")]
    public Task<int> SqlFirstPage() => ReadRowsAsync(
        "SELECT * FROM organization_customers ORDER BY search_name LIMIT $limit OFFSET 0", after: null);

    [BenchmarkCategory(SqlCategory)]
    [Benchmark(Description = "SQL: ORDER BY name LIMIT 26 OFFSET 9000")]
    public Task<int> SqlDeepPageByOffset() => ReadRowsAsync(
        $"SELECT * FROM organization_customers ORDER BY search_name LIMIT $limit OFFSET {DeepPageStartsAfter}", after: null);

    [BenchmarkCategory(SqlCategory)]
    [Benchmark(Description = "SQL: WHERE name > cursor LIMIT 26 (keyset)")]
    public Task<int> SqlDeepPageByKeyset() => ReadRowsAsync(
        "SELECT * FROM organization_customers WHERE search_name > $after ORDER BY search_name LIMIT $limit", _deepAfter);

    [BenchmarkCategory(SqlCategory)]
    [Benchmark(Description = "SQL: COUNT(*) (the handler's total)")]
    public Task<int> SqlCount() => ReadRowsAsync("SELECT COUNT(*) FROM organization_customers", after: null);

    // A scope per call, as a web request has: the measurement includes creating the DbContext.
    private async Task<CustomerPage> ListAsync(ListCustomersQuery query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ListCustomers>().HandleAsync(query, CancellationToken.None);
    }

    private async Task<int> ReadRowsAsync(string sql, string? after)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is a constant of this class; only the cursor value varies, and it is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$limit", PageSize + 1);
        if (after is not null)
        {
            command.Parameters.AddWithValue("$after", after);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        var rows = 0;
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    private async Task<string> SearchNameAtRowAsync(int row)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT search_name FROM organization_customers ORDER BY search_name LIMIT 1 OFFSET $offset";
        command.Parameters.AddWithValue("$offset", row - 1);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task AddCustomersAsync()
    {
        const int batchSize = 500;
        for (var start = 0; start < CustomerCount; start += batchSize)
        {
            // A fresh scope per batch keeps the change tracker small; the handler still saves one customer at a time.
            await using var scope = _services.CreateAsyncScope();
            var addCustomer = scope.ServiceProvider.GetRequiredService<AddCustomer>();
            for (var i = start; i < Math.Min(start + batchSize, CustomerCount); i++)
            {
                await addCustomer.HandleAsync(NewCustomer(i), CancellationToken.None);
            }
        }
    }

    private static CustomerDetails NewCustomer(int i)
    {
        var name = $"{Places[i % Places.Length]} {Kinds[i / Places.Length % Kinds.Length]} {i:D5}";
        return new CustomerDetails(
            name,
            (CustomerKind)(i % 3),
            new ContactPerson("Privacy Office", $"privacy{i}@customer.example", null, "Privacy Officer"),
            RightsRequestContact: null,
            NotificationWindowDays: 10 + (i % 50),
            BaaEffectiveOn: new DateOnly(2024, 1, 1).AddDays(i % 365),
            Notes: null);
    }

    private async Task<string> FindCursorAfterAsync(int rows)
    {
        string? cursor = null;
        for (var seen = 0; seen < rows; seen += ListCustomers.MaximumLimit)
        {
            var page = await ListAsync(new ListCustomersQuery(Cursor: cursor, Limit: Math.Min(ListCustomers.MaximumLimit, rows - seen)));
            cursor = page.NextCursor ?? throw new InvalidOperationException($"The list ended before row {rows}.");
        }

        return cursor!;
    }

    private async Task EnsureSetUpAsExpectedAsync()
    {
        var first = await FirstPage();
        var deep = await DeepPageByCursor();
        var search = await Search();
        var offsetRows = await SqlDeepPageByOffset();
        var keysetRows = await SqlDeepPageByKeyset();
        var handlerOk = first.TotalCount == CustomerCount && first.Items.Count == PageSize && deep.Items.Count == PageSize
            && search.Items.Count == PageSize && search.TotalCount > 0
            && string.Compare(deep.Items[0].Name, first.Items[^1].Name, StringComparison.OrdinalIgnoreCase) > 0;
        // The cursor page, the OFFSET page and the keyset page all start at row 9,001.
        var sqlOk = offsetRows == PageSize + 1 && keysetRows == PageSize + 1
            && string.Equals(await SearchNameAtRowAsync(DeepPageStartsAfter + 1), deep.Items[0].Name, StringComparison.OrdinalIgnoreCase);
        if (!handlerOk || !sqlOk)
        {
            throw new InvalidOperationException(
                $"Unexpected data: total {first.TotalCount}, first page {first.Items.Count}, deep page {deep.Items.Count}, " +
                $"search {search.Items.Count} of {search.TotalCount}, SQL pages {offsetRows} and {keysetRows} rows.");
        }

        Console.WriteLine(
            $"// Setup: {first.TotalCount} customers; deep page starts at '{deep.Items[0].Name}'; " +
            $"'{SearchText}' matches {search.TotalCount}.");
    }
}
