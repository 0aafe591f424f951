using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Custos.Phi;
using Custos.Phi.Deidentification;
using Custos.Phi.Evaluation;
using Custos.Phi.Files;

namespace Custos.Cli.Commands.Phi;

/// <summary>custos phi bench: throughput per input kind and the memory high-water mark.</summary>
internal static class BenchPhiCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size-mb") { Description = "Size of each generated input in MB (default 8).", DefaultValueFactory = _ => 8 };
        var warmUp = new Option<double>("--warmup-seconds")
        {
            Description = "Least time spent on uncounted warm-up passes per input before measuring (default 3): the JIT needs " +
                "seconds to recompile the hot code, longer for the FHIR model than for the scanner.",
            DefaultValueFactory = _ => 3,
        };
        var command = new Command(
            "bench",
            "Measure the PHI engine on seeded synthetic input: MB/s on one core and on all cores for free text, and on one core for " +
            "CSV, JSON and FHIR de-identification (the median of three passes, after warm-up passes: at least --warmup-seconds, " +
            "then until a pass is no longer faster than the one before), then the process's memory " +
            "high-water mark. A quick check; the " +
            "BenchmarkDotNet suite (eng/bench.sh '*Phi*') is the reference.")
        {
            size,
            warmUp,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var bytes = Math.Clamp(parseResult.GetValue(size), 1, 1024) * 1_000_000;
            var minWarmUp = Math.Clamp(parseResult.GetValue(warmUp), 0, 60);
            void Measure(string name, long length, Action run) => BenchPhiCommand.Measure(stdout, name, length, minWarmUp, run);
            var options = new DeidentificationOptions { AsOf = new DateOnly(2026, 1, 1) };
            stdout.WriteLine($"{"INPUT",-36} {"MB",7} {"SECONDS",8} {"MB/S",8} {"CPU S",8} {"MB/CPU-S",9}");

            var text = BenchmarkInputs.FreeText(bytes);
            var textBytes = Encoding.UTF8.GetBytes(text);
            Measure("free text, scan, 1 core", textBytes.Length, () => PhiScanner.Default.Scan(text));
            Measure($"free text, scan, {Environment.ProcessorCount} cores (streamed)", textBytes.Length, () =>
            {
                foreach (var _ in PhiStreamScanner.Scan(new MemoryStream(textBytes), PhiScanner.Default, 256 * 1024, cancellationToken))
                {
                }
            });
            text = null;

            var csv = Encoding.UTF8.GetBytes(BenchmarkInputs.Csv(bytes));
            Measure("CSV, de-identify, 1 core", csv.Length, () =>
                CsvDeidentifier.Run(new StreamReader(new MemoryStream(csv)), TextWriter.Null, options, cancellationToken: cancellationToken));
            var json = Encoding.UTF8.GetBytes(BenchmarkInputs.Json(bytes));
            Measure("JSON, de-identify, 1 core", json.Length, () => JsonDeidentifier.Run(new MemoryStream(json), Stream.Null, options, fhir: false));
            var fhir = Encoding.UTF8.GetBytes(BenchmarkInputs.FhirBundle(bytes));
            Measure("FHIR bundle, de-identify, 1 core", fhir.Length, () => JsonDeidentifier.Run(new MemoryStream(fhir), Stream.Null, options, fhir: true));

            using var process = Process.GetCurrentProcess();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Memory high-water mark: {process.PeakWorkingSet64 / 1_000_000.0:0} MB working set (inputs of {bytes / 1_000_000} MB each are held in memory by the benchmark itself)."));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>Measured passes per input, after the warm-up passes that are not counted.</summary>
    private const int Passes = 3;

    /// <summary>
    /// Warm-up: passes go on for at least the given seconds and then while each is more than 3 % faster than the one
    /// before, up to this many seconds. The JIT recompiles hot methods with profile data only after they have run a
    /// while (a delay restarted by newly compiled code), so a few quick passes would be measured half-compiled: 1 MB of
    /// FHIR takes about ten passes to go from 270 ms to 60 ms. The word lists and Firely's model load on first use.
    /// </summary>
    private const double MaxWarmUpSeconds = 60;

    /// <summary>
    /// Wall-clock MB/s, and MB per second of CPU time the process used, of the median of <see cref="Passes"/> passes
    /// after warm-up passes (steady state, as BenchmarkDotNet measures it): on a machine shared with other work the wall clock counts time spent waiting for a core,
    /// the CPU time does not (it still counts GC and JIT threads).
    /// </summary>
    private static void Measure(TextWriter stdout, string name, long bytes, double minWarmUpSeconds, Action run)
    {
        var previous = double.MaxValue;
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < MaxWarmUpSeconds)
        {
            var stopwatch = Stopwatch.StartNew();
            run();
            var seconds = stopwatch.Elapsed.TotalSeconds;
            if (warmUp.Elapsed.TotalSeconds >= minWarmUpSeconds && seconds > previous * 0.97)
            {
                break;
            }

            previous = seconds;
        }

        var passes = new List<(double Seconds, double Cpu)>(Passes);
        using var process = Process.GetCurrentProcess();
        for (var pass = 0; pass < Passes; pass++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            run();
            var seconds = stopwatch.Elapsed.TotalSeconds;
            process.Refresh();
            passes.Add((seconds, Math.Max(1e-6, (process.TotalProcessorTime - cpuBefore).TotalSeconds)));
        }

        var (median, cpu) = passes.OrderBy(p => p.Seconds).ElementAt(Passes / 2);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-36} {bytes / 1e6,7:0.0} {median,8:0.00} {bytes / 1e6 / median,8:0.0} {cpu,8:0.00} {bytes / 1e6 / cpu,9:0.0}"));
    }
}
