namespace ShotVideo.Veo.Http;

/// <summary>Which request of a generation is being made; the start request has stricter retry rules than the others.</summary>
internal enum VeoStep
{
    Start,
    Poll,
    Download,
}
