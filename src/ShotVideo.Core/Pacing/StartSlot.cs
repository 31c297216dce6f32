namespace ShotVideo.Pacing;

/// <summary>
/// A start slot this worker may use now: <see cref="At"/> is its time in the bucket's clock (the database server's when
/// shared). Hand it back to <see cref="StartPacer.AcceptedAsync"/> or <see cref="StartPacer.RefusedAsync"/>.
/// </summary>
internal sealed record StartSlot(DateTimeOffset At, double RatePerMinute, TimeSpan Waited)
{
    /// <summary>The slot of an unlimited pacer (the stub backend): nothing to wait for, nothing to record.</summary>
    internal bool Unlimited { get; init; }
}
