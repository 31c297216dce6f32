namespace ShotVideo.References;

/// <summary>What a reference image shows, in priority order.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ReferenceImageKind>))]
public enum ReferenceImageKind
{
    /// <summary>A referenced character's model sheet.</summary>
    Character,

    /// <summary>A referenced environment's reference image.</summary>
    Environment,

    /// <summary>The shot's own key frame.</summary>
    KeyFrame,
}
