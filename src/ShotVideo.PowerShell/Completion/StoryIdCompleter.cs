using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ShotVideo.PowerShell.Completion;

/// <summary>Completes <c>-StoryId</c> with the stories in the database: the id is inserted, the list shows the display
/// name. The typed word matches an id prefix or any part of a display name.</summary>
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
                story.Id.ToString(), story.DisplayName, CompletionResultType.ParameterValue, $"{story.DisplayName} ({story.Id})"))
            .ToList();
    }
}
