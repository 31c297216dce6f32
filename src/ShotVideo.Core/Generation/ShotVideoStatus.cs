namespace ShotVideo.Generation;

/// <summary>What happened to one shot in a run.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ShotVideoStatus>))]
public enum ShotVideoStatus
{
    /// <summary>A clip was generated (or an earlier paid operation finished), stored and recorded.</summary>
    Generated,

    /// <summary>The shot has a clip the mode keeps, or another run recorded one after this run planned.</summary>
    Skipped,

    /// <summary>Veo withheld the clip for safety reasons (not charged).</summary>
    Filtered,

    /// <summary>The attempt failed; <see cref="ShotVideoResult.Error"/> says why and what to do.</summary>
    Failed,

    /// <summary>The plan refused the shot (e.g. its storyboard or references cannot be used); nothing was spent.</summary>
    Refused,

    /// <summary>Another live run holds the shot; this run left it alone.</summary>
    Claimed,

    /// <summary>Not approved (declined, over the budget), or the run stopped before the shot's turn.</summary>
    NotStarted,

    /// <summary>
    /// The run was stopped (Ctrl+C, SIGTERM) while the shot was under way: nothing half-written was kept, its claim was
    /// released, and a paid operation (<see cref="ShotVideoResult.OperationName"/>) stays resumable at no cost.
    /// </summary>
    Stopped,
}
