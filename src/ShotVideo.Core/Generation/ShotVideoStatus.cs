namespace ShotVideo.Generation;

/// <summary>What happened to one shot in a run.</summary>
public enum ShotVideoStatus
{
    /// <summary>A clip was generated (or an earlier paid attempt resumed), stored and recorded.</summary>
    Generated,

    /// <summary>The shot already has a clip (Resume, DryRun), or another run recorded one while this run worked (Default, Resume).</summary>
    Skipped,

    /// <summary>Dry run: what would be generated.</summary>
    Planned,

    /// <summary>Veo withheld the clip for safety reasons (not charged).</summary>
    Filtered,

    Failed,

    /// <summary>Another live run holds the shot; this run left it alone.</summary>
    Claimed,

    /// <summary>Not started because the run stopped after a failure or was cancelled.</summary>
    NotStarted,
}
