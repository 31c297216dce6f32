using ShotVideo.Testing.FakeVeo;

namespace ShotVideo.PowerShell.Tests.Support;

/// <summary>
/// The Veo settings Invoke-ShotVideo reads from the process environment, set for one script run: the Gemini base URL
/// pointing at a fake service, and no GEMINI_API_KEY / GOOGLE_CLOUD_PROJECT (so a run picks its backend only from its
/// parameters unless the test sets one). The environment is process-wide: every test that uses this belongs to the
/// <see cref="VeoEnvironmentCollection"/>, which runs alone.
/// </summary>
internal sealed class VeoEnvironment : IDisposable
{
    private static readonly string[] Variables = ["SHOTVIDEO_GEMINI_BASE_URL", "GEMINI_API_KEY", "GOOGLE_CLOUD_PROJECT", "SHOTVIDEO_PUBLIC_ROOT"];
    private readonly Dictionary<string, string?> _saved;

    private VeoEnvironment()
    {
        _saved = Variables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        foreach (var name in Variables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    public static VeoEnvironment PointAt(FakeVeoService veo)
    {
        var environment = new VeoEnvironment();
        Environment.SetEnvironmentVariable("SHOTVIDEO_GEMINI_BASE_URL", veo.GeminiBaseUrl.AbsoluteUri);
        return environment;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}

/// <summary>Tests that set the process environment (see <see cref="VeoEnvironment"/>): run one at a time, apart from all others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VeoEnvironmentCollection
{
    public const string Name = "Veo environment";
}
