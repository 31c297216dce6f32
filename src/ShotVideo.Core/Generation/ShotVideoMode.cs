namespace ShotVideo.Generation;

/// <summary>How a run treats shots that already have a clip.</summary>
public enum ShotVideoMode
{
    /// <summary>Refuse to run when a targeted shot already has a clip (nothing is spent by accident).</summary>
    Default,

    /// <summary>Skip shots that have a clip; generate the rest.</summary>
    Resume,

    /// <summary>Regenerate every targeted shot.</summary>
    Override,

    /// <summary>Like Resume, but only report what would be done: no model call, no file, no database write.</summary>
    DryRun,
}
