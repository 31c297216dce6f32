namespace ShotVideo.Testing.FakeVeo;

/// <summary>How a fake operation hands over its clip.</summary>
public enum FakeVeoDelivery
{
    /// <summary>Gemini: a download <c>uri</c>. Vertex: inline <c>bytesBase64Encoded</c>, or <c>gcsUri</c> when the request had <c>storageUri</c>.</summary>
    Default,

    /// <summary>Inline base64 (Gemini <c>encodedVideo</c>, Vertex <c>bytesBase64Encoded</c>).</summary>
    Inline,

    /// <summary>Gemini: the download <c>uri</c> answers 302 to another path on the same host.</summary>
    Redirect,

    /// <summary>Gemini: the download <c>uri</c> answers 302 to the same server named <c>localhost</c>, i.e. another host.</summary>
    RedirectToOtherHost,
}
