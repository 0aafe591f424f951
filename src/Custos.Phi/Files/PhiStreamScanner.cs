namespace Custos.Phi.Files;

/// <summary>
/// Scans text of any size with flat memory: the input is read in chunks that end at line breaks, chunks are scanned
/// on all cores, and findings come back in input order with offsets into the whole text (UTF-16 code units).
/// An identifier that spans a line break at a chunk boundary may be missed; chunks are about a million characters.
/// </summary>
public static class PhiStreamScanner
{
    /// <summary>Scans a UTF-8 stream.</summary>
    /// <param name="stream">UTF-8 text.</param>
    /// <param name="scanner">The scanner.</param>
    /// <param name="chunkChars">The largest chunk, in characters.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>Findings in order of position.</returns>
    /// <exception cref="InvalidDataException">The stream is not valid UTF-8; the message gives the byte offset.</exception>
    public static IEnumerable<PhiFinding> Scan(Stream stream, PhiScanner scanner, int chunkChars = 1 << 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(scanner);
        var reader = new TextChunkReader(stream, chunkChars);
        var window = Math.Max(2, Environment.ProcessorCount * 2);
        var queue = new Queue<(long Offset, Task<IReadOnlyList<PhiFinding>> Scan)>();
        while (true)
        {
            while (queue.Count < window)
            {
                var offset = reader.Offset;
                var chunk = reader.Next();
                if (chunk is null)
                {
                    break;
                }

                queue.Enqueue((offset, Task.Run(() => scanner.Scan(chunk), cancellationToken)));
            }

            if (queue.Count == 0)
            {
                yield break;
            }

            var (start, task) = queue.Dequeue();
            foreach (var finding in task.GetAwaiter().GetResult())
            {
                yield return finding with { Start = checked((int)(start + finding.Start)), End = checked((int)(start + finding.End)) };
            }
        }
    }
}
