using Custos.Platform.Audit;
using Custos.Platform.Security;

namespace Custos.Tests.Platform.Audit;

internal static class LedgerTestData
{
    /// <summary>Appends <paramref name="count"/> security events (each its own entry), as sign-ins would.</summary>
    public static async Task AppendAsync(LedgerHost host, int count, string action = "auth.sign-in")
    {
        for (var i = 0; i < count; i++)
        {
            var outcome = i % 3 == 0 ? AuditOutcome.Failed : AuditOutcome.Succeeded;
            await host.RunAsync<ISecurityEventSink>((sink, ct) => sink.RecordAsync(new SecurityEvent(action, outcome) { ResourceType = "user", ResourceId = $"user-{i}" }, ct));
        }
    }

    /// <summary>A ledger of <paramref name="first"/> entries checkpointed, then <paramref name="second"/> more checkpointed again.</summary>
    public static async Task<(SignedCheckpoint First, SignedCheckpoint Second)> TwoCheckpointsAsync(LedgerHost host, int first = 12, int second = 9)
    {
        await AppendAsync(host, first);
        var one = await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);
        await AppendAsync(host, second, "auth.sign-out");
        var two = await host.Sequencer.IntegrateAllAsync(TestContext.Current.CancellationToken);
        return (one.Checkpoint!, two.Checkpoint!);
    }
}
