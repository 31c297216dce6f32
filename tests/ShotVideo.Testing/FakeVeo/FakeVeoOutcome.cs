namespace ShotVideo.Testing.FakeVeo;

/// <summary>How a fake operation ends.</summary>
public enum FakeVeoOutcome
{
    /// <summary>A clip.</summary>
    Video,

    /// <summary>No clip; <c>raiMediaFilteredCount</c> and reasons.</summary>
    SafetyFiltered,

    /// <summary><c>done</c> with a google.rpc.Status <c>error</c>.</summary>
    Error,

    /// <summary><c>done</c> with neither a clip nor a filter reason.</summary>
    NoVideo,
}
