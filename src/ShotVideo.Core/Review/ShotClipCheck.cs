namespace ShotVideo.Review;

/// <summary>
/// What the clip a shot records (<c>shots.video_file_path</c>) holds on disk: what Test-ShotVideo writes, and what
/// -Verify and a Resume run act on. The shot's identity binds by property name into Get-Shot and Invoke-ShotVideo.
/// </summary>
/// <param name="VideoFilePath">The recorded path, relative to <c>public/</c>; null when the shot records no clip.</param>
/// <param name="FullPath">The file on this machine; null when nothing is recorded or the recorded path is not safe to follow.</param>
/// <param name="State">What is on disk; null when the shot records no clip.</param>
/// <param name="Detail">Why a broken clip is broken.</param>
/// <param name="Bytes">The file's size, when it is there.</param>
/// <param name="Duration">The clip's length, when it is whole.</param>
public sealed record ShotClipCheck(
    ShotKey Key, string? VideoFilePath, string? FullPath, ClipFileState? State, string? Detail, long? Bytes, TimeSpan? Duration)
{
    public Guid StoryId => Key.StoryId;

    public string SceneletId => Key.SceneletId;

    public int ShotIndex => Key.ShotIndex;

    /// <summary>The story's display name, for headers; null when the shot was read without it.</summary>
    public string? StoryName { get; init; }

    /// <summary>Missing or Broken: the shot records a clip it does not have. Null when there is no problem.</summary>
    public ClipFileState? Problem => State is ClipFileState.Missing or ClipFileState.Broken ? State : null;

    public override string ToString() => Problem is { } problem ? $"{Key}: {problem}" : $"{Key}: {State?.ToString() ?? "no clip"}";
}
