using ShotVideo.Generation;

namespace ShotVideo.Planning;

/// <summary>What a run is asked to do: which shots of one story, in which mode, with which references.</summary>
public sealed record RunSelection(Guid StoryId)
{
    /// <summary>The shots: the union of these filters; null for the whole story.</summary>
    public IReadOnlyList<ShotFilter>? Filters { get; init; }

    public ShotVideoMode Mode { get; init; } = ShotVideoMode.Default;

    /// <summary>Whether the shot's key frame is sent as a reference image (upstream found key frames sometimes hurt motion).</summary>
    public bool IncludeKeyFrame { get; init; } = true;

    /// <summary>
    /// Generate shots whose referenced characters or environments have no image yet (or whose image cannot be read)
    /// without them; by default such a shot is refused, since a clip without its character's sheet is money wasted.
    /// </summary>
    public bool AllowMissingReferences { get; init; }

    /// <summary>
    /// In Resume mode, treat shots whose recorded clip file is missing or broken as needing a clip (an earlier run's
    /// paid operation is finished first, at no cost); without it they are skipped with a warning.
    /// </summary>
    public bool Repair { get; init; }

    /// <summary>False for a prompt preview: every targeted shot is planned as if it were generated now, whatever the ledger says.</summary>
    public bool ReadLedger { get; init; } = true;
}

/// <summary>Some shots of a story: all, one scenelet's, one index in every scenelet, or one shot.</summary>
public readonly record struct ShotFilter(string? SceneletId, int? ShotIndex)
{
    public static ShotFilter Of(ShotKey shot) => new(shot.SceneletId, shot.ShotIndex);

    public bool Matches(ShotKey shot) =>
        (SceneletId is null || string.Equals(SceneletId, shot.SceneletId, StringComparison.Ordinal)) && (ShotIndex is null || ShotIndex == shot.ShotIndex);

    /// <summary>How a message names what the filter asks for, e.g. "shot 9 in scenelet scenelet-2".</summary>
    public override string ToString() =>
        $"shot{(ShotIndex is null ? "s" : $" {ShotIndex}")}{(SceneletId is null ? string.Empty : $" in scenelet {SceneletId}")}";
}
