using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custos.Platform.Crypto;

/// <summary>
/// Checks the key ring at start, then finishes unfinished rotations in the background: re-encrypts values still on
/// a retiring key (written by a node that had not yet reloaded the ring) and retires the old key once its grace
/// period has passed. Register it after the host's migration step.
/// </summary>
public sealed partial class BackgroundKeyRotation(IServiceScopeFactory scopes, CryptoSettings settings, TimeProvider time, ILogger<BackgroundKeyRotation> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KeyRingCheck>().VerifyAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = settings.KeyRingRefreshInterval > TimeSpan.Zero ? settings.KeyRingRefreshInterval : CryptoSettings.DefaultKeyRingRefreshInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<RotateDataKeys>().ContinueIfUnfinishedAsync(stoppingToken);
                if (result is not null)
                {
                    LogContinued(logger, result.ValuesReencrypted, result.RetiredKeys.Count, result.StillRetiring.Count);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A background pass that fails is retried at the next interval; the host keeps serving.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Key rotation continued: {Reencrypted} value(s) re-encrypted, {Retired} key(s) retired, {Retiring} still retiring")]
    private static partial void LogContinued(ILogger logger, int reencrypted, int retired, int retiring);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "Background key rotation failed; it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
