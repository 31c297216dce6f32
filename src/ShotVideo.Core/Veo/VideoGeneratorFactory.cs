namespace ShotVideo.Veo;

/// <summary>Makes the generator an operator asked for, or the one the environment configures; never falls back silently.</summary>
public static class VideoGeneratorFactory
{
    public static IVideoGenerator Create(VideoGeneratorSettings settings, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        environment ??= Environment.GetEnvironmentVariable;
        var backend = settings.Backend ?? Detect(environment);
        return backend switch
        {
            VideoBackend.GeminiApi => new GeminiApiVideoGenerator(Apply(new GeminiApiOptions { ApiKey = settings.ApiKey }, settings, environment)),
            VideoBackend.VertexAi => new VertexAiVideoGenerator(Apply(new VertexAiOptions { Project = settings.Project, Location = settings.Location }, settings, environment)),
            _ => new StubVideoGenerator(),
        };
    }

    private static VideoBackend Detect(Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(environment(GeminiApiVideoGenerator.ApiKeyVariable)))
        {
            return VideoBackend.GeminiApi;
        }

        if (!string.IsNullOrWhiteSpace(environment(VertexAiVideoGenerator.ProjectVariable)))
        {
            return VideoBackend.VertexAi;
        }

        throw new ShotVideoException(
            "ShotVideoNoBackend",
            ShotVideoErrorKind.InvalidArgument,
            $"No video backend is configured. Set {GeminiApiVideoGenerator.ApiKeyVariable} for the Gemini API, or "
            + $"{VertexAiVideoGenerator.ProjectVariable} (with Application Default Credentials, e.g. 'gcloud auth application-default login') "
            + "for Vertex AI, or pass -Backend GeminiApi|VertexAi. To try the pipeline offline with a placeholder clip, pass -Backend Stub.")
        {
            AffectsEveryShot = true,
        };
    }

    private static T Apply<T>(T options, VideoGeneratorSettings settings, Func<string, string?> environment)
        where T : VeoClientOptions =>
        options with
        {
            Model = settings.Model,
            PollInterval = settings.PollInterval ?? options.PollInterval,
            GetEnvironmentVariable = environment,
        };
}
