using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ShotVideo.Tests.Support;

/// <summary>
/// Every SQL command Npgsql completes through a StoryDatabase opened with this logger factory: lets a test count how
/// often a run read the story or its shots, at the driver, against the real server.
/// </summary>
public sealed class CommandLog : ILoggerFactory, ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> _commands = new();

    public IReadOnlyList<string> Commands => [.. _commands];

    /// <summary>How many completed commands contain <paramref name="sql"/>.</summary>
    public int Count(string sql) => _commands.Count(command => command.Contains(sql, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        if (message.StartsWith("Command execution completed", StringComparison.Ordinal) || message.StartsWith("Batch execution completed", StringComparison.Ordinal))
        {
            _commands.Enqueue(message.ReplaceLineEndings("\n"));
        }
    }

    public void Dispose()
    {
    }
}
