using System.Reflection;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Audit;
using Custos.Platform.Identity.Sessions;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Custos.Tests.Modules.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Custos.Tests.Platform.Audit;

/// <summary>
/// 45 CFR 164.312(b): ExecuteUpdate/ExecuteDelete bypass SaveChanges and so the ledger; on audited entities they are
/// refused before reaching the database, so no record can change without its entry.
/// </summary>
public sealed class BulkChangeGuardTests
{
    [Theory, AllDatabaseProviders]
    public async Task A_bulk_update_or_delete_of_a_module_record_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        var customer = await host.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));
        var entriesBefore = (await host.EntriesAsync()).Count;

        var delete = await Should.ThrowAsync<AuditedBulkChangeException>(() =>
            host.RunAsync<AppDbContext, int>((db, ct) => db.Set<CoveredEntityCustomer>().Where(c => c.Id == customer.Id).ExecuteDeleteAsync(ct)));
        var update = await Should.ThrowAsync<AuditedBulkChangeException>(() =>
            host.RunAsync<AppDbContext, int>((db, ct) => db.Set<CoveredEntityCustomer>().ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, c => c.UpdatedAt), ct)));

        delete.Message.ShouldContain("ExecuteDelete on CoveredEntityCustomer");
        update.Message.ShouldContain("SaveChanges");
        (await host.RunAsync<AppDbContext, int>((db, ct) => db.Set<CoveredEntityCustomer>().CountAsync(c => c.Id == customer.Id, ct))).ShouldBe(1);
        (await host.EntriesAsync()).Count.ShouldBe(entriesBefore);
    }

    [Theory, AllDatabaseProviders]
    public async Task Every_entity_of_every_module_is_guarded_including_ones_added_later(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        var moduleTypes = await host.RunAsync<AppDbContext, List<IEntityType>>((db, _) => Task.FromResult(
            db.Model.GetEntityTypes().Where(t => t.ClrType.Namespace!.StartsWith("Custos.Modules", StringComparison.Ordinal) && t.GetTableName() is not null && !t.IsOwned()).ToList()));
        moduleTypes.ShouldNotBeEmpty();

        foreach (var entityType in moduleTypes)
        {
            AuditBulkChangeGuard.IsAudited(entityType).ShouldBeTrue(entityType.DisplayName());
            var method = typeof(BulkChangeGuardTests).GetMethod(nameof(DeleteNothingAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(entityType.ClrType);
            await Should.ThrowAsync<AuditedBulkChangeException>(() => host.RunAsync<AppDbContext, int>((db, ct) => (Task<int>)method.Invoke(null, [db, ct])!));
        }
    }

    [Theory, AllDatabaseProviders]
    public async Task The_platforms_own_bookkeeping_updates_still_run(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);

        // Sessions are platform bookkeeping (last seen, ended), recorded through their security events.
        var changed = await host.RunAsync<AppDbContext, int>((db, ct) => db.Set<UserSession>().ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, x => x.LastSeenAt), ct));

        changed.ShouldBe(0);
    }

    private static Task<int> DeleteNothingAsync<T>(AppDbContext db, CancellationToken cancellationToken)
        where T : class => db.Set<T>().Where(_ => false).ExecuteDeleteAsync(cancellationToken);
}
