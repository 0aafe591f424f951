using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custos.Platform.Audit;

/// <summary>
/// Verifies the whole ledger on a schedule (Audit:VerificationInterval, daily by default) and keeps the result in
/// the history (45 CFR 164.308(a)(1)(ii)(D): regular review of activity records; 164.312(c)(2): corroborating that
/// they were not altered). Several processes may each run it; every run is recorded.
/// </summary>
public sealed partial class AuditVerificationSchedule(IServiceScopeFactory scopes, AuditOptions options, TimeProvider time, ILogger<AuditVerificationSchedule> logger) : BackgroundService
{
    public async Task<VerificationReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<AuditLedgerMaintenance>().VerifyAsync(AuditLedgerMaintenance.TriggerSchedule, null, cancellationToken);
        if (!report.Passed)
        {
            LogFailed(logger, report.Failure!.Kind, report.Failure.Sequence);
        }

        return report;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.VerificationInterval, time, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogError(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Scheduled audit ledger verification found tampering: {Kind} at sequence number {Sequence}.")]
    private static partial void LogFailed(ILogger logger, TamperingKind kind, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled audit ledger verification could not run.")]
    private static partial void LogError(ILogger logger, Exception exception);
}
