using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Custos.Platform.Audit;

/// <summary>
/// Group commit for the appends that have a transaction of their own (security events, reads, exports): concurrent
/// callers in this process hand their entries to one writer, which writes everything waiting in one transaction and
/// then completes every caller's task. A caller's task completes only after the transaction holding its entries has
/// committed (nothing is acknowledged before it is durable), and fails with the database's exception when that
/// transaction fails (nothing is silently dropped). One commit, one fsync and one lock acquisition serve many
/// entries, which is what makes the single-entry rate of issue 4, item 9 reachable. The transaction also integrates
/// (<see cref="AuditSequencer.AppendAsync"/>): the entries are inserted already numbered and hashed.
/// </summary>
public sealed partial class AuditGroupCommit : IAsyncDisposable, IDisposable
{
    /// <summary>Most entries written in one transaction; more wait for the next.</summary>
    public const int MaxEntriesPerCommit = 2000;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly AuditSequencer sequencer;
    private readonly ILogger<AuditGroupCommit> logger;
    private readonly Task writer;
    private long commits;
    private long entries;

    public AuditGroupCommit(AuditSequencer sequencer, ILogger<AuditGroupCommit> logger)
    {
        this.sequencer = sequencer;
        this.logger = logger;
        writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Transactions committed so far, and the entries they held (their ratio is the mean group size).</summary>
    public (long Commits, long Entries) Counters => (Interlocked.Read(ref commits), Interlocked.Read(ref entries));

    /// <summary>
    /// Completes when the entries are committed. Cancelling stops the wait, not the write: entries already handed
    /// over are still written (an audit record is never withdrawn because its caller went away).
    /// </summary>
    public Task AppendAsync(IReadOnlyList<AuditEntryContent> contents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contents);
        if (contents.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Cleaned and converted here, on the caller's thread, so the one writer only writes.
        var rows = new AuditEntry[contents.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = AuditEntry.Create(contents[i]);
        }

        var pending = new Pending(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AuditGroupCommit), "The ledger writer has stopped: the host is shutting down.");
        }

        return pending.Committed.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        var rows = new List<AuditEntry>(MaxEntriesPerCommit);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            rows.Clear();
            while (rows.Count < MaxEntriesPerCommit && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                rows.AddRange(next.Rows);
            }

            try
            {
                await sequencer.AppendAsync(rows, CancellationToken.None);
                Interlocked.Increment(ref commits);
                Interlocked.Add(ref entries, rows.Count);
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                // The transaction rolled back as a whole: every caller in it learns that its entries are not written.
                LogCommitFailed(logger, rows.Count, ex);
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetException(ex);
                }
            }
        }
    }


    public async ValueTask DisposeAsync()
    {
        // Whatever was handed over is written before the host stops.
        queue.Writer.TryComplete();
        await writer;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed record Pending(AuditEntry[] Rows, TaskCompletionSource Committed);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} audit entries failed; its callers were told.")]
    private static partial void LogCommitFailed(ILogger logger, int count, Exception exception);
}
