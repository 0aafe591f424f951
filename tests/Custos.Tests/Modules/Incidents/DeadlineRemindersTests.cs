using Custos.Modules.Incidents;
using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Incidents.Obligations;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custos.Tests.Modules.Incidents;

public sealed class DeadlineRemindersTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestDatabase.StartTime.UtcDateTime);

    private static Task<List<string>> TitlesAsync(TestDatabase db) =>
        db.QueryAsync((d, ct) => d.Set<InAppNotification>().OrderBy(n => n.CreatedAt).Select(n => n.Title).ToListAsync(ct));

    [Fact]
    public void The_stage_escalates_at_14_7_3_1_and_0_days_and_turns_overdue_after_the_due_date()
    {
        DeadlineReminders.StageFor(15).ShouldBeNull();
        DeadlineReminders.StageFor(14).ShouldBe(14);
        DeadlineReminders.StageFor(8).ShouldBe(14);
        DeadlineReminders.StageFor(7).ShouldBe(7);
        DeadlineReminders.StageFor(3).ShouldBe(3);
        DeadlineReminders.StageFor(1).ShouldBe(1);
        DeadlineReminders.StageFor(0).ShouldBe(0);
        DeadlineReminders.StageFor(-1).ShouldBe(-1);
    }

    [Theory, AllDatabaseProviders]
    public async Task Reminders_escalate_once_per_stage_then_alert_when_overdue_and_stop_once_sent(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        // Discovered 50 days ago: the 60-day notices are due in 10 days (164.404(b)).
        var id = await IncidentsTests.SignedBreachAsync(db, EntityType.CoveredEntity, new() { ["OH"] = 90 }, Today.AddDays(-50));
        Task Run() => db.RunAsync<DeadlineReminders>((h, ct) => h.RunAsync(ct));

        await Run();
        var afterFirstRun = await TitlesAsync(db);
        await Run();
        var afterFirstDay = await TitlesAsync(db);
        db.Time.Advance(TimeSpan.FromDays(3));
        await Run();
        var afterSeven = await TitlesAsync(db);
        db.Time.Advance(TimeSpan.FromDays(8));
        await Run();
        var overdue = await TitlesAsync(db);
        var obligations = await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct));
        var individuals = obligations.Obligations.Single(o => o.Recipient == NotificationRecipient.Individuals);
        await db.RunAsync<RecordObligationStatus, IncidentObligationView>((h, ct) => h.HandleAsync(id, new(individuals.Key, ObligationStatus.Sent, db.Today, "First-class mail"), ct));
        db.Time.Advance(TimeSpan.FromDays(1));
        await Run();
        var final = await TitlesAsync(db);

        // Only the individual notice is within 14 days; the Secretary's annual log (fewer than 500) is due next March.
        afterFirstDay.Count.ShouldBe(afterFirstRun.Count); // the second run the same day sends nothing new
        afterFirstDay.ShouldNotContain(t => t.Contains("secretary", StringComparison.Ordinal));
        afterFirstDay.Where(t => t.StartsWith("Due in 10 day(s): notice to individuals", StringComparison.Ordinal)).ShouldNotBeEmpty();
        var firstCount = afterFirstDay.Count;
        afterSeven.Count.ShouldBeGreaterThan(firstCount);
        afterSeven.ShouldContain(t => t.StartsWith("Due in 7 day(s): notice to individuals", StringComparison.Ordinal));
        overdue.ShouldContain(t => t.StartsWith("OVERDUE: notice to individuals", StringComparison.Ordinal));
        final.Count(t => t.Contains("notice to individuals", StringComparison.Ordinal)).ShouldBe(overdue.Count(t => t.Contains("notice to individuals", StringComparison.Ordinal)));
    }

    [Theory, AllDatabaseProviders]
    public async Task The_Quartz_scheduler_stores_the_reminder_job_in_the_database_and_runs_it(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await IncidentsTests.SignedBreachAsync(db, EntityType.CoveredEntity, new() { ["OH"] = 90 }, Today.AddDays(-50));
        var hosted = db.Services.GetServices<IHostedService>().Where(s => s.GetType().Name == "JobSchedulerHost").ToList();
        var scheduler = hosted.ShouldHaveSingleItem();

        await scheduler.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            List<string> titles = [];
            for (var attempt = 0; attempt < 120 && titles.Count == 0; attempt++)
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
                titles = (await TitlesAsync(db)).Where(t => t.StartsWith("Due in", StringComparison.Ordinal)).ToList();
            }

            titles.ShouldNotBeEmpty("the scheduler should have fired the reminder job at start");
            var stored = await db.QueryAsync((d, ct) => d.Database.SqlQueryRaw<string>("SELECT job_name AS \"Value\" FROM qrtz_job_details").ToListAsync(ct));
            stored.ShouldContain(DeadlineReminders.JobName);
        }
        finally
        {
            await scheduler.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}
