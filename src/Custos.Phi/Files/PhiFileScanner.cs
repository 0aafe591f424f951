namespace Custos.Phi.Files;

/// <summary>What scanning one file gave.</summary>
/// <param name="Path">The file, as given or as found under a given directory.</param>
/// <param name="Findings">The findings, in order of position; empty when skipped or failed.</param>
/// <param name="Characters">Characters scanned.</param>
/// <param name="Skipped">Why the file was not scanned (binary), or null.</param>
/// <param name="Error">Why the file could not be scanned (unreadable, not UTF-8, with the position), or null.</param>
public sealed record FileScanResult(string Path, IReadOnlyList<PhiFinding> Findings, long Characters, string? Skipped, string? Error);

/// <summary>
/// Scans files and directory trees: directories are walked (in ordinal order of paths, so output is deterministic),
/// binary files skipped with a note, unreadable and non-UTF-8 files reported with the position, files scanned in
/// parallel and results returned in order.
/// </summary>
public static class PhiFileScanner
{
    /// <summary>Every file under the given paths, in ordinal order.</summary>
    /// <param name="paths">Files and directories.</param>
    /// <returns>The files; paths that do not exist are returned as they are, to be reported as errors.</returns>
    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
                    .Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    /// <summary>Scans files, several at a time, returning results in the order of <paramref name="files"/>.</summary>
    /// <param name="files">The files.</param>
    /// <param name="scanner">The scanner.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>One result per file.</returns>
    public static IEnumerable<FileScanResult> ScanFiles(IEnumerable<string> files, PhiScanner scanner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(scanner);
        return files.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount))
            .Select(file => ScanFile(file, scanner, cancellationToken));
    }

    /// <summary>Scans one file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="scanner">The scanner.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The result; errors are reported in it, not thrown.</returns>
    public static FileScanResult ScanFile(string path, PhiScanner scanner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var head = new byte[8192];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (TextChunkReader.LooksBinary(head.AsSpan(0, read)))
            {
                return new FileScanResult(path, [], 0, "binary file (NUL bytes in the first 8 KiB)", null);
            }

            stream.Position = read >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
            var findings = new List<PhiFinding>();
            var reader = new TextChunkReader(stream);
            long characters = 0;
            while (reader.Next() is { } chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var offset = characters;
                foreach (var f in scanner.Scan(chunk))
                {
                    findings.Add(f with { Start = checked((int)(offset + f.Start)), End = checked((int)(offset + f.End)) });
                }

                characters += chunk.Length;
            }

            return new FileScanResult(path, findings, characters, null, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            var reason = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            return new FileScanResult(path, [], 0, null, reason);
        }
    }

    /// <summary>A value with every letter and digit replaced by '*', so output shows the shape but not the identifier.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The masked value.</returns>
    public static string Mask(ReadOnlySpan<char> value)
    {
        var chars = value.ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsLetterOrDigit(chars[i]))
            {
                chars[i] = '*';
            }
            else if (char.IsControl(chars[i]))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}
