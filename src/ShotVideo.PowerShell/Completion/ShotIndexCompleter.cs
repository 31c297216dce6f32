using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.Json;

namespace ShotVideo.PowerShell.Completion;

/// <summary>Completes <c>-ShotIndex</c> with the shot indexes of the scenelet given by <c>-StoryId</c> and
/// <c>-SceneletId</c>; the tooltip is the shot's framing from its storyboard payload (e.g. "Wide Establishing Shot").
/// Without both there is no scenelet to ask about, and nothing is offered (not file names).</summary>
public sealed class ShotIndexCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (CompletionDatabase.BoundGuid(fakeBoundParameters, "StoryId") is not { } storyId
            || fakeBoundParameters["SceneletId"]?.ToString() is not { Length: > 0 } sceneletId)
        {
            return [];
        }

        var word = wordToComplete.Trim('\'', '"');
        return CompletionDatabase.Query(fakeBoundParameters, (database, cancellationToken) => database.Shots.ListShotsAsync(storyId, sceneletId, null, cancellationToken))
            .Select(shot => (Index: shot.ShotIndex.ToString(CultureInfo.InvariantCulture), Framing: Framing(shot.StoryboardPayloadJson)))
            .Where(shot => shot.Index.StartsWith(word, StringComparison.Ordinal))
            .Select(shot => new CompletionResult(
                shot.Index,
                shot.Framing is null ? shot.Index : $"{shot.Index} · {shot.Framing}",
                CompletionResultType.ParameterValue,
                shot.Framing ?? $"Shot {shot.Index}"))
            .ToList();
    }

    // A payload without the field (or not an object) still completes; it only lacks the tooltip.
    private static string? Framing(string payloadJson)
    {
        try
        {
            using var payload = JsonDocument.Parse(payloadJson);
            return payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("framingAndAngle", out var framing)
                && framing.ValueKind == JsonValueKind.String
                    ? framing.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
