namespace ShotVideo.Pacing;

/// <summary>The numbers one quota's limiter works with, derived from <see cref="StartPacingOptions"/>; the same for the SQL and the local arithmetic.</summary>
internal sealed record PacingParameters
{
    /// <summary>Burst gained back per accepted start: a burst lowered by a refusal regrows one slot per four accepted starts.</summary>
    public const double BurstIncreasePerAcceptedStart = 0.25;

    /// <summary>The learned rate never falls below this share of the configured rate (it keeps probing rather than stalling).</summary>
    public const double MinimumRateShare = 0.05;

    public PacingParameters(StartPacingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StartsPerMinute is not { } perMinute || !double.IsFinite(perMinute) || perMinute <= 0)
        {
            throw new ArgumentException("Pacing needs a positive StartsPerMinute.", nameof(options));
        }

        if (options.DecreaseFactor is not (> 0 and < 1))
        {
            throw new ArgumentException("DecreaseFactor must lie between 0 and 1.", nameof(options));
        }

        ConfiguredPerMinute = perMinute;
        // Never more than the minute the quota counts, and at least one slot.
        BurstLimit = Math.Max(1, Math.Min(options.Burst, (int)Math.Floor(perMinute)));
        DecreaseFactor = options.DecreaseFactor;
        IncreasePerAcceptedStart = options.IncreasePerAcceptedStart ?? perMinute * 0.02;
        MinimumPerMinute = perMinute * MinimumRateShare;
        MaxPause = options.MaxPause;
    }

    public double ConfiguredPerMinute { get; }

    public int BurstLimit { get; }

    public double DecreaseFactor { get; }

    public double IncreasePerAcceptedStart { get; }

    public double MinimumPerMinute { get; }

    public TimeSpan MaxPause { get; }

    /// <summary>
    /// After a refusal that ends a quota window, the limiter resumes this share of one interval after its bucket is full
    /// again: the quota's window began when our first start in it arrived, a little after we sent it.
    /// </summary>
    public double ResumeMargin { get; init; } = 0.25;

    /// <summary>A slot due this soon is granted now (and waited for locally), saving a round trip.</summary>
    public TimeSpan GrantLead { get; init; } = TimeSpan.FromMilliseconds(5);

    public static TimeSpan Interval(double perMinute) => TimeSpan.FromSeconds(60.0 / perMinute);
}
