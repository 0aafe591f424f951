using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Audit;

/// <summary>
/// Group commit (ADR 0016): concurrent appends share transactions, but every caller's entries are committed before
/// its call returns, exactly once, and a failed commit fails every caller in it instead of dropping entries.
/// </summary>
public sealed class GroupCommitTests
{
    private const int Callers = 40;

    [Theory, AllDatabaseProviders]
    public async Task Appends_waiting_for_a_locked_table_are_not_acknowledged_and_then_share_one_commit(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await LedgerHost.CreateAsync(provider);
        var groupCommit = host.Services.GetRequiredService<AuditGroupCommit>();
        var (commitsBefore, _) = groupCommit.Counters;

        // Another connection holds the write lock: no append can commit until it lets go.
        await using var scope = host.Services.CreateAsyncScope();
        var blocker = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var transaction = await blocker.Database.BeginTransactionAsync(ct);
        await blocker.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite ? "UPDATE audit_ledger_info SET origin = origin" : "LOCK TABLE audit_entries IN EXCLUSIVE MODE", ct);
        var calls = Enumerable.Range(0, Callers)
            .Select(i => Task.Run(() => host.RunAsync<ISecurityEventSink>((sink, c) => sink.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = $"caller-{i}" }, c)), ct))
            .ToList();
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var acknowledgedWhileLocked = calls.Count(c => c.IsCompleted);
        await transaction.RollbackAsync(ct);
        await transaction.DisposeAsync();
        await Task.WhenAll(calls);

        acknowledgedWhileLocked.ShouldBe(0, "nothing is acknowledged before its commit");
        var (commitsAfter, _) = groupCommit.Counters;
        (commitsAfter - commitsBefore).ShouldBeLessThanOrEqualTo(2, "the first caller's commit waited for the lock; everyone queued behind it shares the next");
        var entries = await host.EntriesAsync();
        entries.Select(e => e.ResourceId).Order().ShouldBe(Enumerable.Range(0, Callers).Select(i => $"caller-{i}").Order());
    }

    [Theory, AllDatabaseProviders]
    public async Task An_append_is_readable_from_another_connection_as_soon_as_its_call_returns(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);

        var seenAfterReturn = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Task.Run(async () =>
        {
            await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = $"caller-{i}" }, ct));
            return await host.RunAsync<AppDbContext, int>((db, ct) => db.Set<AuditEntry>().CountAsync(e => e.ResourceId == $"caller-{i}", ct));
        })));

        seenAfterReturn.ShouldAllBe(count => count == 1);
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);
        (await host.VerifyAsync()).Passed.ShouldBeTrue();
    }

    [Theory, AllDatabaseProviders]
    public async Task When_the_commit_fails_every_caller_in_it_gets_the_error_and_the_next_commit_works(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        await host.TamperAsync("ALTER TABLE audit_entries RENAME TO audit_entries_away");

        var failures = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(async () =>
        {
            try
            {
                await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Failed) { ResourceId = $"lost-{i}" }, ct));
                return false;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                return true;
            }
        })));
        await host.TamperAsync("ALTER TABLE audit_entries_away RENAME TO audit_entries");
        await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(new SecurityEvent("auth.sign-in", AuditOutcome.Succeeded) { ResourceId = "after" }, ct));

        failures.ShouldAllBe(failed => failed, "a caller whose entry was not committed must not be told it was");
        (await host.EntriesAsync()).Select(e => e.ResourceId).ShouldBe(["after"]);
    }
}
