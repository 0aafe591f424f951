using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Custos.Tests.Modules.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Audit;

/// <summary>
/// 45 CFR 164.312(b): reads of records with sensitive fields are recorded, by declaration alone. No module holds
/// PHI yet, so a test-only entity declares a sensitive field.
/// </summary>
public sealed class ReadRecordingTests
{
    [Theory, AllDatabaseProviders]
    public async Task Reading_records_with_a_sensitive_field_records_each_id_even_when_the_request_then_fails(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        await CreateTableAsync(host, ids);

        await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            await using var context = Open(host, scope.ServiceProvider);
            var records = await context.Set<PatientRecord>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
            records.Count.ShouldBe(2);
            throw new InvalidOperationException("The request failed after the read.");
        });

        var reads = (await host.EntriesAsync()).Where(e => e.Action == AuditActions.RecordRead).ToList();
        reads.Select(e => e.ResourceId).Order().ShouldBe(ids.Select(i => i.ToString()).Order());
        reads.ShouldAllBe(e => e.ResourceType == nameof(PatientRecord));
    }

    [Theory, AllDatabaseProviders]
    public async Task Reading_a_record_without_sensitive_fields_records_nothing(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        var customer = await host.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));

        await host.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(customer.Id, ct));

        (await host.EntriesAsync()).ShouldNotContain(e => e.Action == AuditActions.RecordRead);
    }

    private static SensitiveRecordsContext Open(LedgerHost host, IServiceProvider scope)
    {
        var options = new DbContextOptionsBuilder<SensitiveRecordsContext>();
        if (host.Provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(host.ConnectionString);
        }
        else
        {
            options.UseNpgsql(host.ConnectionString);
        }

        return new SensitiveRecordsContext(options.UseApplicationServiceProvider(scope).AddInterceptors(scope.GetRequiredService<AuditReadInterceptor>()).Options);
    }

    private static async Task CreateTableAsync(LedgerHost host, Guid[] ids)
    {
        var idType = host.Provider == DatabaseProvider.Sqlite ? "TEXT" : "uuid";
        await host.TamperAsync($"CREATE TABLE test_patient_records (id {idType} PRIMARY KEY, diagnosis TEXT NOT NULL)");
        await using var scope = host.Services.CreateAsyncScope();
        await using var context = Open(host, scope.ServiceProvider);
        foreach (var id in ids)
        {
            context.Add(new PatientRecord { Id = id, Diagnosis = "invented test value" });
        }

        await context.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    internal sealed class PatientRecord
    {
        public Guid Id { get; set; }

        public string Diagnosis { get; set; } = string.Empty;
    }

    private sealed class SensitiveRecordsContext(DbContextOptions<SensitiveRecordsContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<PatientRecord>(record =>
            {
                record.ToTable("test_patient_records");
                record.HasKey(r => r.Id);
                record.Property(r => r.Id).HasColumnName("id");
                record.Property(r => r.Diagnosis).HasColumnName("diagnosis").IsSensitive();
            });
        }
    }
}
