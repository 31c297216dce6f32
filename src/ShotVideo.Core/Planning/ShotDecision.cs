namespace ShotVideo.Planning;

/// <summary>What a plan decided for one shot.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ShotDecision>))]
public enum ShotDecision
{
    /// <summary>Send a start request: a new, paid clip.</summary>
    Generate,

    /// <summary>Finish an earlier run's paid operation (poll and download): no new spend.</summary>
    Resume,

    /// <summary>The shot has a clip and the mode keeps it.</summary>
    Skip,

    /// <summary>Another live run is generating the shot.</summary>
    Claimed,

    /// <summary>The shot cannot be generated as it is (the refusal says what is wrong and what to do).</summary>
    Refused,
}
