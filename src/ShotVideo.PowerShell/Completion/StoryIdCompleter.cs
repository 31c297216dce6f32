using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ShotVideo.PowerShell.Completion;

/// <summary>Completes <c>-StoryId</c> with the stories in the database: the full id is inserted, the list shows the id's
/// first 8 characters and the display name (<c>7b1d2c9e · The Lantern Keepers</c>). The list text starts with the id
/// because PSReadLine's Emacs mode inserts the common prefix of the list texts: with names first that was "The".
/// The typed word matches an id prefix or any part of a display name.</summary>
public sealed class StoryIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = wordToComplete.Trim('\'', '"');
        return CompletionDatabase.Query(fakeBoundParameters, (database, cancellationToken) => database.Stories.ListStoriesAsync(cancellationToken))
            .Where(story => story.Id.ToString().StartsWith(word, StringComparison.OrdinalIgnoreCase)
                || story.DisplayName.Contains(word, StringComparison.OrdinalIgnoreCase))
            .Select(story => new CompletionResult(
                story.Id.ToString(), $"{story.Id.ToString()[..8]} · {story.DisplayName}", CompletionResultType.ParameterValue, $"{story.DisplayName} ({story.Id})"))
            .ToList();
    }
}
