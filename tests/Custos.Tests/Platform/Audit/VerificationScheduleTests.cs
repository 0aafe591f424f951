using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Custos.Tests.Platform.Audit;

public sealed class VerificationScheduleTests
{
    [Theory, AllDatabaseProviders]
    public async Task The_ledger_is_verified_when_the_interval_has_passed_and_the_run_is_kept(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        await LedgerTestData.TwoCheckpointsAsync(host, 5, 3);
        var options = new AuditOptions { VerificationInterval = TimeSpan.FromHours(6) };
        using var schedule = new AuditVerificationSchedule(host.Services.GetRequiredService<IServiceScopeFactory>(), options, host.Time, NullLogger<AuditVerificationSchedule>.Instance);
        await schedule.StartAsync(TestContext.Current.CancellationToken);

        // The host runs ExecuteAsync on the thread pool: let it reach its first wait before the clock moves.
        await Task.Delay(500, TestContext.Current.CancellationToken);

        host.FakeTime!.Advance(TimeSpan.FromHours(5));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        var early = await HistoryAsync(host);
        host.FakeTime.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 100 && (await HistoryAsync(host)).Count == 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await schedule.StopAsync(TestContext.Current.CancellationToken);
        early.ShouldBeEmpty();
        var run = (await HistoryAsync(host)).ShouldHaveSingleItem();
        run.Trigger.ShouldBe(AuditLedgerMaintenance.TriggerSchedule);
        run.Passed.ShouldBeTrue();
        run.EntriesChecked.ShouldBe(8);
    }

    private static Task<IReadOnlyList<VerificationRunView>> HistoryAsync(LedgerHost host) =>
        host.RunAsync<AuditLedgerMaintenance, IReadOnlyList<VerificationRunView>>((m, ct) => m.VerificationHistoryAsync(10, ct));
}
