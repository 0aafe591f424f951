using Microsoft.Extensions.Logging;

namespace Custos.Web.Tests.Infrastructure;

/// <summary>
/// Copies a live host's request lines and its warnings and errors into the test's output, which a failed test
/// prints beside the browser's trace: a timeout then shows what the server was doing.
/// </summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Warning || (logLevel == LogLevel.Information && category == "Custos.Web.Requests");

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                var line = $"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} server {logLevel} {category}: {formatter(state, exception)}";
                output.WriteLine(exception is null ? line : $"{line} ({exception.GetType().Name}: {exception.Message})");
            }
            catch (InvalidOperationException)
            {
                // The test has ended.
            }
        }
    }
}
