using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Audit;

/// <summary>Alert rules over the ledger stream (45 CFR 164.308(a)(1)(ii)(D), 164.308(a)(5)(ii)(C), 164.308(a)(6)(ii)).</summary>
public sealed class AlertTests
{
    [Theory, AllDatabaseProviders]
    public async Task Five_failed_sign_ins_for_one_account_within_15_minutes_raise_one_alert(DatabaseProvider provider)
    {
        var notified = new CapturingNotifier();
        await using var host = await LedgerHost.CreateAsync(provider, configure: s => s.AddSingleton<IAuditAlertNotifier>(notified));

        for (var i = 0; i < 6; i++)
        {
            await SignInAsync(host, "acct-1", AuditOutcome.Failed);
            host.FakeTime!.Advance(TimeSpan.FromMinutes(2));
        }

        await SignInAsync(host, "acct-2", AuditOutcome.Failed);
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        var alert = (await OpenAlertsAsync(host)).ShouldHaveSingleItem();
        alert.Rule.ShouldBe(AuditAlertRule.RepeatedFailedSignIns);
        alert.Message.ShouldContain("5 failed sign-ins for account acct-1");
        notified.Alerts.ShouldHaveSingleItem().Id.ShouldBe(alert.Id);
    }

    [Theory, AllDatabaseProviders]
    public async Task Failed_sign_ins_spread_over_more_than_the_window_raise_nothing(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);

        for (var i = 0; i < 6; i++)
        {
            await SignInAsync(host, "acct-1", AuditOutcome.Failed);
            host.FakeTime!.Advance(TimeSpan.FromMinutes(4));
        }

        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        (await OpenAlertsAsync(host)).ShouldBeEmpty();
    }

    [Theory, AllDatabaseProviders]
    public async Task Break_glass_use_raises_an_alert_with_its_reason(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);

        await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(
            new SecurityEvent("access.break-glass", AuditOutcome.Succeeded) { ResourceType = "incident", ResourceId = "inc-7", Reason = "patient safety, on-call" }, ct));
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        var alert = (await OpenAlertsAsync(host)).ShouldHaveSingleItem();
        alert.Rule.ShouldBe(AuditAlertRule.BreakGlass);
        alert.Message.ShouldContain("patient safety, on-call");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_read_outside_working_hours_alerts_and_one_inside_does_not(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Audit:Alerts:WorkingHoursStart"] = "07:00",
            ["Audit:Alerts:WorkingHoursEnd"] = "19:00",
        });

        await ReadAsync(host, "rec-1");
        host.FakeTime!.Advance(TimeSpan.FromHours(6));
        await ReadAsync(host, "rec-2");
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        var alert = (await OpenAlertsAsync(host)).ShouldHaveSingleItem();
        alert.Rule.ShouldBe(AuditAlertRule.OutsideHours);
        alert.Message.ShouldContain("rec-2");
        alert.Message.ShouldContain("21:00 UTC");
    }

    [Theory, AllDatabaseProviders]
    public async Task Reads_by_one_person_reaching_the_bulk_threshold_alert_once(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider, settings: new Dictionary<string, string?> { ["Audit:Alerts:BulkReadThreshold"] = "3" });

        for (var i = 0; i < 5; i++)
        {
            await ReadAsync(host, $"rec-{i}");
        }

        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);

        var alert = (await OpenAlertsAsync(host)).ShouldHaveSingleItem();
        alert.Rule.ShouldBe(AuditAlertRule.BulkReads);
        alert.ActorId.ShouldBe(TestActor.Default.Id);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_failed_verification_raises_an_alert_and_notifies(DatabaseProvider provider)
    {
        var notified = new CapturingNotifier();
        await using var host = await LedgerHost.CreateAsync(provider, configure: s => s.AddSingleton<IAuditAlertNotifier>(notified));
        await LedgerTestData.TwoCheckpointsAsync(host, 4, 2);
        await host.TamperAsync("DELETE FROM audit_entries WHERE sequence = 1");

        await host.VerifyAsync();

        var alert = (await OpenAlertsAsync(host)).ShouldHaveSingleItem();
        alert.Rule.ShouldBe(AuditAlertRule.VerificationFailed);
        alert.Message.ShouldContain("Deleted at sequence number 1");
        notified.Alerts.ShouldHaveSingleItem().Rule.ShouldBe(AuditAlertRule.VerificationFailed);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_acknowledged_alert_leaves_the_open_list_and_the_acknowledgement_is_itself_recorded(DatabaseProvider provider)
    {
        await using var host = await LedgerHost.CreateAsync(provider);
        await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(new SecurityEvent("access.break-glass", AuditOutcome.Succeeded), ct));
        await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);
        var alert = (await OpenAlertsAsync(host)).ShouldHaveSingleItem();

        await host.RunAsync<AuditAlertInbox>((inbox, ct) => inbox.AcknowledgeAsync(alert.Id, TestActor.Default, ct));

        (await OpenAlertsAsync(host)).ShouldBeEmpty();
        (await host.EntriesAsync()).ShouldContain(e => e.Action == AuditActions.RecordUpdated && e.ResourceType == "AuditAlert" && e.ResourceId == alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_webhook_signature_is_the_hex_HMAC_SHA_256_of_the_body_with_the_shared_secret()
    {
        var body = "{\"rule\":\"BreakGlass\"}"u8.ToArray();

        var signature = AuditWebhookSignature.Sign("s3cret", body);

        // Independently: printf '{"rule":"BreakGlass"}' | openssl dgst -sha256 -hmac s3cret
        signature.ShouldBe("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("s3cret"u8, body)));
        signature.Length.ShouldBe(7 + 64);
    }

    private static Task SignInAsync(LedgerHost host, string account, AuditOutcome outcome) =>
        host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(new SecurityEvent("auth.sign-in", outcome) { ResourceType = "user", ResourceId = account }, ct));

    private static async Task ReadAsync(LedgerHost host, string id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditReadRecorder>().Record("PatientRecord", id);
    }

    private static Task<IReadOnlyList<AuditAlertView>> OpenAlertsAsync(LedgerHost host) =>
        host.RunAsync<AuditAlertInbox, IReadOnlyList<AuditAlertView>>((inbox, ct) => inbox.ListAsync(openOnly: true, 50, ct));

    private sealed class CapturingNotifier : IAuditAlertNotifier
    {
        public List<AuditAlertView> Alerts { get; } = [];

        public Task NotifyAsync(AuditAlertView alert, CancellationToken cancellationToken)
        {
            Alerts.Add(alert);
            return Task.CompletedTask;
        }
    }
}
