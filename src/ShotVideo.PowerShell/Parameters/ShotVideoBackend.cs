namespace ShotVideo.PowerShell.Parameters;

/// <summary>Invoke-ShotVideo's -Backend (declared here for the reason given on <see cref="ShotVideoRunMode"/>).</summary>
public enum ShotVideoBackend
{
    GeminiApi,
    VertexAi,
    Stub,
}
