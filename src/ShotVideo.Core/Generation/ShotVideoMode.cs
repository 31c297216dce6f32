namespace ShotVideo.Generation;

/// <summary>How a run treats shots that already have a clip. Planning (what -WhatIf shows) is not a mode: every run plans first.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ShotVideoMode>))]
public enum ShotVideoMode
{
    /// <summary>Refuse to run when a targeted shot already has a clip (nothing is spent by accident).</summary>
    Default,

    /// <summary>Skip shots that have a clip; generate the rest.</summary>
    Resume,

    /// <summary>Regenerate every targeted shot (the clip it replaces is kept as a take).</summary>
    Override,
}
