namespace ShotVideo.Testing.FakeVeo;

/// <summary>How one fake operation behaves: when it is done, how it ends and how its clip is delivered.</summary>
public sealed record FakeVeoOperationPlan
{
    /// <summary>The first N polls answer <c>done: false</c>.</summary>
    public int PollsUntilDone { get; init; }

    /// <summary>Not done before this long after the start request (the generation latency).</summary>
    public TimeSpan Latency { get; init; }

    public FakeVeoOutcome Outcome { get; init; } = FakeVeoOutcome.Video;

    public FakeVeoDelivery Delivery { get; init; } = FakeVeoDelivery.Default;

    /// <summary>The clip served; null means the service's default clip.</summary>
    public FakeVeoClip? Clip { get; init; }

    /// <summary>Content-Type of downloads (e.g. text/html with a non-MP4 clip).</summary>
    public string ContentType { get; init; } = "video/mp4";

    public int ErrorCode { get; init; } = 3;

    public string ErrorMessage { get; init; } = "Video generation failed due to an internal error.";

    public IReadOnlyList<string> FilteredReasons { get; init; } =
        ["The prompt could not be submitted. This prompt contains words that violate Vertex AI's usage guidelines. Support codes: 58061214"];
}
