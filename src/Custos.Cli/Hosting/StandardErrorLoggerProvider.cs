using Microsoft.Extensions.Logging;

namespace Custos.Cli.Hosting;

/// <summary>
/// Warnings and above, one line each, on stderr: stdout stays clean for results and JSON. EF Core's own error
/// events are left out because each one comes with an exception that the CLI reports itself, as one line.
/// </summary>
internal sealed class StandardErrorLoggerProvider(TextWriter stderr) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(stderr, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter stderr, string category) : ILogger
    {
        private readonly bool isEntityFramework = category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel is LogLevel.Warning || (logLevel is LogLevel.Error or LogLevel.Critical && !isEntityFramework);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception).ReplaceLineEndings(" ");
            if (exception is not null)
            {
                message += $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})";
            }

            var level = logLevel == LogLevel.Warning ? "warning" : "error";
            lock (stderr)
            {
                stderr.WriteLine($"{level}: {category}: {message}");
            }
        }
    }
}
