using ShotVideo.References;
using ShotVideo.Veo;

namespace ShotVideo.Generation;

/// <summary>The outcome for one shot: status, where its clip is, what was sent and what it cost.</summary>
public sealed record ShotVideoResult
{
    public required Guid StoryId { get; init; }

    public required string SceneletId { get; init; }

    public required int ShotIndex { get; init; }

    public required ShotVideoStatus Status { get; init; }

    /// <summary>The clip's path relative to <c>public/</c> (recorded, or planned in a dry run).</summary>
    public string? VideoFilePath { get; init; }

    public Mp4Facts? Facts { get; init; }

    public IReadOnlyList<ReferenceImageChoice> References { get; init; } = [];

    /// <summary>The exact prompt text sent (or that would be sent).</summary>
    public string? PromptText { get; init; }

    public int? PromptTokenEstimate { get; init; }

    public string? OperationName { get; init; }

    /// <summary>True when an earlier run's paid operation was finished instead of starting a new one.</summary>
    public bool Resumed { get; init; }

    public TimeSpan Elapsed { get; init; }

    public decimal? EstimatedCostUsd { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Why the shot was skipped, filtered, claimed or not started.</summary>
    public string? Reason { get; init; }

    /// <summary>The failure, when <see cref="Status"/> is Failed.</summary>
    public ShotVideoException? Error { get; init; }
}
