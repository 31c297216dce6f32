using System.Globalization;
using ShotVideo.Veo;

namespace ShotVideo.Pacing;

/// <summary>
/// How fast ShotVideo sends Veo start requests (<c>predictLongRunning</c>), which Google counts against a per-project,
/// per-model quota. Set <see cref="StartsPerMinute"/> to your project's quota; the limiter learns from 429 answers
/// below that ceiling and climbs back to it.
/// </summary>
public sealed record StartPacingOptions
{
    public const string StartsPerMinuteVariable = "SHOTVIDEO_STARTS_PER_MINUTE";

    /// <summary>Vertex AI's published quota for the GA Veo 3.1 models (<c>veo-3.1-*-001</c>): 50 requests per minute per project.</summary>
    public const double VertexAiGaStartsPerMinute = 50;

    /// <summary>About 10 requests per minute for the Gemini API's (and Vertex AI's non-GA) Veo models, as reported.</summary>
    public const double PreviewStartsPerMinute = 10;

    /// <summary>Start requests per minute for this quota; null means no limit (the stub backend).</summary>
    public double? StartsPerMinute { get; init; }

    /// <summary>
    /// Starts that may go at once when the quota has been idle, so a fresh run does not start slowly. Never more than
    /// <see cref="StartsPerMinute"/> (the minute the quota counts).
    /// </summary>
    public int Burst { get; init; } = 10;

    /// <summary>Multiplicative decrease of the learned rate when the quota refuses although the limiter waited for it.</summary>
    public double DecreaseFactor { get; init; } = 0.7;

    /// <summary>Additive increase of the learned rate per accepted start (starts per minute); null means 2 % of <see cref="StartsPerMinute"/>.</summary>
    public double? IncreasePerAcceptedStart { get; init; }

    /// <summary>A run fails for quota when its start requests have been refused, without one accepted, for this long.</summary>
    public TimeSpan MaxRefusedTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest the limiter waits after a refusal without Google's RetryInfo before it tries one start again.</summary>
    public TimeSpan MaxPause { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>No limit: every start goes at once (the stub backend, which calls no quota).</summary>
    public static StartPacingOptions Unlimited { get; } = new();

    /// <summary>The published default quota for a backend and model: Vertex AI's GA models 50/min, other Veo models 10/min, the stub none.</summary>
    public static double? DefaultStartsPerMinute(VideoBackend backend, string model) => backend switch
    {
        VideoBackend.Stub => null,
        VideoBackend.VertexAi when IsVertexGaModel(model) => VertexAiGaStartsPerMinute,
        _ => PreviewStartsPerMinute,
    };

    /// <summary>
    /// Options for a run: <paramref name="startsPerMinute"/> (<c>-StartsPerMinute</c>) if given, else
    /// <c>SHOTVIDEO_STARTS_PER_MINUTE</c>, else the backend's and model's published default. The stub is never limited.
    /// </summary>
    public static StartPacingOptions For(VideoBackend backend, string model, double? startsPerMinute = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (backend == VideoBackend.Stub)
        {
            return Unlimited;
        }

        if (startsPerMinute is { } given)
        {
            return new StartPacingOptions { StartsPerMinute = Validate(given, "-StartsPerMinute") };
        }

        string? text = (environment ?? Environment.GetEnvironmentVariable)(StartsPerMinuteVariable);
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                throw Invalid($"{StartsPerMinuteVariable} is '{text}', not a number of start requests per minute (e.g. 50).");
            }

            return new StartPacingOptions { StartsPerMinute = Validate(parsed, StartsPerMinuteVariable) };
        }

        return new StartPacingOptions { StartsPerMinute = DefaultStartsPerMinute(backend, model) };
    }

    // Vertex AI's GA model ids end in a version number (veo-3.1-generate-001, veo-3.1-fast-generate-001).
    private static bool IsVertexGaModel(string model) =>
        model.StartsWith("veo-", StringComparison.Ordinal) && model.Length > 4 && model[^4] == '-' && model[^3..].All(char.IsAsciiDigit);

    private static double Validate(double value, string source) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw Invalid($"{source} must be a positive number of start requests per minute (your project's quota, e.g. 50); it was {value.ToString(CultureInfo.InvariantCulture)}.");

    private static ShotVideoException Invalid(string message) => ShotVideoErrors.InvalidStartsPerMinute(message);
}
