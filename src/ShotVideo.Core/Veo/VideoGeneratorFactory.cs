namespace ShotVideo.Veo;

/// <summary>Makes the generator an operator asked for, or the one the environment configures; never falls back silently.</summary>
public static class VideoGeneratorFactory
{
    public static IVideoGenerator Create(VideoGeneratorSettings settings, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        environment ??= Environment.GetEnvironmentVariable;
        return (settings.Backend ?? Detect(environment)) switch
        {
            VideoBackend.GeminiApi => VeoVideoGenerator.ForGeminiApi(Apply(new GeminiApiOptions { ApiKey = settings.ApiKey }, settings, environment)),
            VideoBackend.VertexAi => VeoVideoGenerator.ForVertexAi(Apply(new VertexAiOptions { Project = settings.Project, Location = settings.Location }, settings, environment)),
            _ => new StubVideoGenerator(),
        };
    }

    private static VideoBackend Detect(Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(environment(GeminiApiOptions.ApiKeyVariable)))
        {
            return VideoBackend.GeminiApi;
        }

        return !string.IsNullOrWhiteSpace(environment(VertexAiOptions.ProjectVariable))
            ? VideoBackend.VertexAi
            : throw ShotVideoErrors.NoBackend();
    }

    private static T Apply<T>(T options, VideoGeneratorSettings settings, Func<string, string?> environment)
        where T : VeoClientOptions =>
        options with
        {
            Model = settings.Model,
            PollInterval = settings.PollInterval ?? options.PollInterval,
            Retry = settings.MaxRetryAfter is { } cap ? options.Retry with { MaxRetryAfter = cap } : options.Retry,
            GetEnvironmentVariable = environment,
        };
}
