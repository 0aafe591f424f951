using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Audit;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Tests.Infrastructure;
using Custos.Tests.Modules.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Audit;

/// <summary>45 CFR 164.312(b): every change and every security event is in the ledger, written with the change.</summary>
public sealed class LedgerCoverageTests
{
    [Theory, AllDatabaseProviders]
    public async Task Adding_a_customer_writes_one_entry_naming_the_record_and_the_actor(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);

        var customer = await host.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));

        var entry = (await host.EntriesAsync()).ShouldHaveSingleItem();
        entry.Action.ShouldBe(AuditActions.RecordCreated);
        entry.ResourceType.ShouldBe("CoveredEntityCustomer");
        entry.ResourceId.ShouldBe(customer.Id.ToString());
        entry.ActorKind.ShouldBe(ActorKind.User);
        entry.ActorId.ShouldBe(TestActor.Default.Id);
        entry.Outcome.ShouldBe(AuditOutcome.Succeeded);
        entry.Node.ShouldBe("node-a");
        entry.RecordedAt.ShouldBe(TestDatabase.StartTime);
        entry.Sequence.ShouldBeNull();
    }

    [Theory, AllDatabaseProviders]
    public async Task An_entry_never_holds_the_records_values(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);

        await host.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));

        var entry = (await host.EntriesAsync()).ShouldHaveSingleItem();
        var canonical = System.Text.Encoding.UTF8.GetString(entry.ToContent().ToCanonicalJson(0));
        canonical.ShouldNotContain("Riverbend");
        canonical.ShouldNotContain("riverbend-health.example");
    }

    [Theory, AllDatabaseProviders]
    public async Task Updating_and_removing_a_customer_write_their_own_entries(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        var customer = await host.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));

        await host.RunAsync<UpdateCustomer, CustomerView>((h, ct) => h.HandleAsync(customer.Id, Examples.Customer("Riverbend Health"), ct));
        await host.RunAsync<RemoveCustomer>((h, ct) => h.HandleAsync(customer.Id, ct));

        var entries = await host.EntriesAsync();
        entries.Select(e => e.Action).ShouldBe([AuditActions.RecordCreated, AuditActions.RecordUpdated, AuditActions.RecordDeleted]);
        entries.ShouldAllBe(e => e.ResourceId == customer.Id.ToString());
    }

    [Theory, AllDatabaseProviders]
    public async Task A_save_that_fails_writes_no_entry_because_the_entry_shares_its_transaction(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        await host.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));

        // A second customer with the same search name: the unique index refuses the insert at SaveChanges.
        await Should.ThrowAsync<DbUpdateException>(() => host.RunAsync<AppDbContext>(async (db, ct) =>
        {
            var now = host.Time.GetUtcNow();
            var duplicate = new CoveredEntityCustomer(Guid.CreateVersion7(now), now);
            duplicate.Describe(Examples.Customer("Riverbend"), now);
            db.Add(duplicate);
            await db.SaveChangesAsync(ct);
        }));

        (await host.EntriesAsync()).Count.ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_security_event_is_in_the_ledger_before_the_sink_returns(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        var named = new Actor(ActorKind.User, "8f0c7c1e", "jordan.lee");

        await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(
            new SecurityEvent("auth.sign-in", AuditOutcome.Denied) { Actor = named, ResourceType = "user", ResourceId = "8f0c7c1e", Reason = "wrong password" },
            ct));

        var entry = (await host.EntriesAsync()).ShouldHaveSingleItem();
        entry.Action.ShouldBe("auth.sign-in");
        entry.Outcome.ShouldBe(AuditOutcome.Denied);
        entry.ActorId.ShouldBe("8f0c7c1e");
        entry.ResourceType.ShouldBe("user");
        entry.Reason.ShouldBe("wrong password");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_security_event_is_kept_even_when_the_callers_own_changes_are_never_saved(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);

        await host.RunAsync<AppDbContext>(async (db, ct) =>
        {
            var now = host.Time.GetUtcNow();
            var unsaved = new CoveredEntityCustomer(Guid.CreateVersion7(now), now);
            unsaved.Describe(Examples.Customer("Never saved"), now);
            db.Add(unsaved);
            await new LedgerSecurityEventSink(new AuditEntryFactory(host.Actor, new NoRequestContext(), host.Time, new AuditOptions { Node = "n" }), new AuditAppender(host.Services.GetRequiredService<AuditGroupCommit>()))
                .RecordAsync(new SecurityEvent("auth.lockout", AuditOutcome.Denied), ct);
        });

        var entry = (await host.EntriesAsync()).ShouldHaveSingleItem();
        entry.Action.ShouldBe("auth.lockout");
    }

    [Theory, AllDatabaseProviders]
    public async Task Text_that_databases_cannot_keep_exactly_is_cleaned_so_the_entry_still_hashes_the_same(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);

        await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(
            new SecurityEvent("auth.sign-in", AuditOutcome.Failed) { Reason = "nul\0 and lone \uD800 surrogate, \"quoted\"\n" + new string('x', 2000) },
            ct));
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        (await host.VerifyAsync()).Passed.ShouldBeTrue();
        var entry = (await host.EntriesAsync()).First();
        entry.Reason!.Length.ShouldBe(AuditEntry.ReasonLength);
        entry.Reason.ShouldStartWith("nul\uFFFD and lone \uFFFD surrogate");
    }

    [Fact]
    public void A_generic_entity_type_is_named_readably()
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new AppDbContext(options);
        var userRole = db.Model.FindEntityType(typeof(Microsoft.AspNetCore.Identity.IdentityUserRole<Guid>))!;

        AuditChangeInterceptor.ResourceTypeOf(userRole).ShouldNotContain("`");
        AuditChangeInterceptor.ResourceTypeOf(userRole).ShouldStartWith("IdentityUserRole");
    }
}
