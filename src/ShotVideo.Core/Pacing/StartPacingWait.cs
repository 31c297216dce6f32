namespace ShotVideo.Pacing;

/// <summary>Why the limiter is holding back a start request.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<StartPacingReason>))]
public enum StartPacingReason
{
    /// <summary>Spacing starts at the current rate.</summary>
    Pacing,

    /// <summary>Google refused a start (429): waiting for the quota to recover.</summary>
    QuotaRefused,
}

/// <summary>
/// The limiter holds the next start request until <see cref="Until"/> (this machine's clock) at
/// <see cref="RatePerMinute"/>; for the progress line: "waiting for the quota until 12:03:41 (35 starts/min)".
/// </summary>
public sealed record StartPacingWait(string QuotaKey, DateTimeOffset Until, double RatePerMinute, StartPacingReason Reason);

/// <summary>Told when a start request waits for the quota. Calls may come from any thread.</summary>
internal interface IStartPacingObserver
{
    void Waiting(StartPacingWait wait);
}
