using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>The outcome for one shot: its status, where its clip is, and what it cost.</summary>
public sealed record ShotVideoResult
{
    public required ShotKey Key { get; init; }

    public Guid StoryId => Key.StoryId;

    public string SceneletId => Key.SceneletId;

    public int ShotIndex => Key.ShotIndex;

    public required ShotVideoStatus Status { get; init; }

    /// <summary>The recorded clip's path relative to <c>public/</c>.</summary>
    public string? VideoFilePath { get; init; }

    /// <summary>The recorded clip on this machine (so <c>Invoke-Item</c> opens it); null when no clip is recorded.</summary>
    public string? FullPath { get; init; }

    public Mp4Facts? Facts { get; init; }

    public string? OperationName { get; init; }

    /// <summary>True when an earlier run's paid operation was finished instead of starting a new one.</summary>
    public bool Resumed { get; init; }

    /// <summary>New spend: the estimate of a start request Veo accepted; 0 for a resumed, filtered or unstarted shot.</summary>
    public decimal CostUsd { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Why the shot was skipped, filtered, claimed, refused or not started, or why it failed (the cause alone).</summary>
    public string? Reason { get; init; }

    /// <summary>The failure of a Failed or Refused shot (and the withholding of a Filtered one), with what to do next.</summary>
    public ShotVideoException? Error { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public override string ToString() => $"{Key}: {Status}";
}
