using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ShotVideo.PowerShell.Completion;

/// <summary>Completes <c>-SceneletId</c> with the scenelets of the story already given by <c>-StoryId</c>, in story
/// order; the tooltip gives the scenelet's sequence and shot count.</summary>
public sealed class SceneletIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (CompletionDatabase.BoundGuid(fakeBoundParameters, "StoryId") is not { } storyId)
        {
            return [];
        }

        var word = wordToComplete.Trim('\'', '"');
        return CompletionDatabase.Query(fakeBoundParameters, (database, cancellationToken) => database.Shots.ListShotsAsync(storyId, null, null, cancellationToken))
            .GroupBy(shot => (shot.SceneletSequence, shot.SceneletId))
            .Where(scenelet => scenelet.Key.SceneletId.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(scenelet => scenelet.Key.SceneletSequence)
            .Select(scenelet => new CompletionResult(
                Quoted(scenelet.Key.SceneletId),
                scenelet.Key.SceneletId,
                CompletionResultType.ParameterValue,
                $"Scenelet {scenelet.Key.SceneletSequence}: {scenelet.Count()} shot(s)"))
            .ToList();
    }

    private static string Quoted(string value) =>
        value.All(character => char.IsLetterOrDigit(character) || character is '-' or '_' or '.')
            ? value
            : "'" + value.Replace("'", "''") + "'";
}
