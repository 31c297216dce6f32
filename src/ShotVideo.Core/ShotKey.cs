using System.Globalization;
using ShotVideo.Generation;

namespace ShotVideo;

/// <summary>
/// A shot's identity: its story, its scenelet's human id and its 1-based index in the scenelet. The one way messages
/// name a shot (<see cref="ToString"/>) and the one way remedies point at it (<see cref="Command"/>).
/// </summary>
public readonly record struct ShotKey(Guid StoryId, string SceneletId, int ShotIndex)
{
    /// <summary>How every message names the shot: <c>scenelet-2 shot 1 of story 7b1d2c9e-…</c>.</summary>
    public override string ToString() => $"{SceneletId} shot {ShotIndex.ToString(CultureInfo.InvariantCulture)} of story {StoryId}";

    /// <summary>
    /// The command that runs ShotVideo on exactly this shot, e.g. for a remedy:
    /// <c>Invoke-ShotVideo -StoryId … -SceneletId … -ShotIndex … -Mode Override</c>.
    /// </summary>
    public string Command(ShotVideoMode mode) => $"Invoke-ShotVideo {Parameters} -Mode {mode}";

    /// <summary>The parameters that name exactly this shot on any ShotVideo cmdlet: <c>-StoryId … -SceneletId … -ShotIndex …</c>.</summary>
    public string Parameters =>
        string.Create(CultureInfo.InvariantCulture, $"-StoryId {StoryId} -SceneletId {Quoted(SceneletId)} -ShotIndex {ShotIndex}");

    // A scenelet id is a word in practice; anything else is quoted the way PowerShell reads it back literally.
    private static string Quoted(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? value
            : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
