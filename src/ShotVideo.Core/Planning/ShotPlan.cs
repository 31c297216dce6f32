using ShotVideo.Database;
using ShotVideo.References;
using ShotVideo.Review;
using ShotVideo.Storage;
using ShotVideo.Veo;

namespace ShotVideo.Planning;

/// <summary>
/// One targeted shot of a <see cref="RunPlan"/>: the decision and everything a person needs to approve it. What
/// -WhatIf and -Confirm show and Get-ShotVideoPrompt outputs; what a run then executes, byte for byte.
/// </summary>
public sealed record ShotPlan
{
    public required ShotKey Key { get; init; }

    public Guid StoryId => Key.StoryId;

    public string SceneletId => Key.SceneletId;

    public int ShotIndex => Key.ShotIndex;

    public required ShotDecision Decision { get; init; }

    /// <summary>Why the shot is skipped, claimed, resumed or refused (the cause, without the shot's name).</summary>
    public string? Reason { get; init; }

    /// <summary>The error a refused shot is reported with.</summary>
    public ShotVideoException? Refusal { get; init; }

    /// <summary>Where the clip will be recorded, relative to <c>public/</c>.</summary>
    public string? ClipPath => Clip?.RelativePath;

    /// <summary>The exact prompt text that will be sent (compact JSON).</summary>
    public string? PromptText { get; init; }

    /// <summary>The prompt object, indented for reading.</summary>
    public string? Prompt { get; init; }

    public int? EstimatedTokens { get; init; }

    /// <summary>The estimate exceeds the model's documented prompt limit (about 1,024 tokens).</summary>
    public bool LikelyOverLimit { get; init; }

    /// <summary>Every reference image considered: those sent, in order, then those not sent, with why.</summary>
    public IReadOnlyList<PlannedReference> References { get; init; } = [];

    /// <summary>New spend: the estimate for a generated clip, 0 for a resumed operation, null otherwise (or when the price is unknown).</summary>
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>The operation a resume finishes, or the one another run holds.</summary>
    public string? OperationName { get; init; }

    /// <summary>The run that holds a claimed shot, and since when.</summary>
    public string? ClaimedBy { get; init; }

    public DateTimeOffset? ClaimedSince { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// What the shot's recorded clip held on disk when a Resume run planned it; null when it was not checked (other
    /// modes, or no clip recorded). A Missing or Broken clip is skipped with a warning, or made again with -Repair.
    /// </summary>
    public ClipFileState? RecordedClip { get; init; }

    /// <summary>The shot as read (once) for this plan.</summary>
    internal ShotRecord Shot { get; init; } = null!;

    internal ClipLocation? Clip { get; init; }

    /// <summary>What a Generate decision sends: the prompt and the reference bytes read while planning.</summary>
    internal VideoGenerationRequest? Request { get; init; }

    public override string ToString() => $"{Key}: {Decision}";
}
