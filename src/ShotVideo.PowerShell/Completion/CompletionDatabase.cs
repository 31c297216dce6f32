using System.Collections;
using System.Globalization;
using ShotVideo.Database;

namespace ShotVideo.PowerShell.Completion;

/// <summary>Runs one query for a tab completer against the database the command line names (its <c>-Database</c>
/// argument, else the default one).</summary>
internal static class CompletionDatabase
{
    // Completion blocks the prompt: give up rather than hang on an unreachable server.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The query's result, or empty when the database cannot answer: completion offers nothing then rather
    /// than printing an error in the middle of the user's typing.</summary>
    public static IReadOnlyList<T> Query<T>(IDictionary fakeBoundParameters, Func<StoryDatabase, CancellationToken, Task<IReadOnlyList<T>>> query)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return Run(fakeBoundParameters["Database"] as string, query, timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is ShotVideoException or OperationCanceledException)
        {
            return [];
        }
    }

    /// <summary>The value of an int parameter already on the command line, if it is one.</summary>
    public static int? BoundInt(IDictionary fakeBoundParameters, string name) =>
        fakeBoundParameters[name] is { } value && int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    /// <summary>The value of a Guid parameter already on the command line, if it is one.</summary>
    public static Guid? BoundGuid(IDictionary fakeBoundParameters, string name)
    {
        return fakeBoundParameters[name] switch
        {
            Guid id => id,
            Guid[] { Length: > 0 } ids => ids[0],
            object value when Guid.TryParse(value.ToString(), out var parsed) => parsed,
            _ => null,
        };
    }

    private static async Task<IReadOnlyList<T>> Run<T>(string? database, Func<StoryDatabase, CancellationToken, Task<IReadOnlyList<T>>> query, CancellationToken cancellationToken)
    {
        // Pressing Tab must not initialise a local database: with none yet there is simply nothing to offer.
        await using var opened = await StoryDatabase.OpenAsync(database, createIfMissing: false, notice: null, cancellationToken).ConfigureAwait(false);
        return await query(opened, cancellationToken).ConfigureAwait(false);
    }
}
