namespace ShotVideo.PowerShell.Parameters;

/// <summary>
/// Invoke-ShotVideo's -Mode. Declared here, not taken from Core, because PowerShell reads parameter types while it
/// imports the module — before the module's load context can serve Core.
/// </summary>
public enum ShotVideoRunMode
{
    /// <summary>Refuse when a targeted shot already has a clip.</summary>
    Default,

    /// <summary>Skip shots that have a clip.</summary>
    Resume,

    /// <summary>Regenerate every targeted shot.</summary>
    Override,
}
