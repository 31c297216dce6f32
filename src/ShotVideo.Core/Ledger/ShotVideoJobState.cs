namespace ShotVideo.Ledger;

/// <summary>Where one generation attempt stands. Claimed and Started are live; the others are settled.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ShotVideoJobState>))]
public enum ShotVideoJobState
{
    /// <summary>
    /// A run owns the shot; its start request may be on its way. Held by nobody (or by a run that stopped), the
    /// answer was lost: Veo may have a job for it, so it stays live until an Override run replaces it.
    /// </summary>
    Claimed,

    /// <summary>Veo accepted the job; the operation name is recorded and can be polled again later.</summary>
    Started,

    /// <summary>The clip is stored and recorded on the shot.</summary>
    Succeeded,

    /// <summary>Veo withheld the clip for safety reasons (not charged).</summary>
    Filtered,

    /// <summary>Veo reported that the operation failed.</summary>
    Failed,

    /// <summary>The claim ended before a start request was sent, or an Override run replaced an uncertain one.</summary>
    Abandoned,

    /// <summary>Veo no longer knows the operation (results are kept about 2 days); the shot may be generated again.</summary>
    Expired,
}
