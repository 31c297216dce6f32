namespace ShotVideo.Testing.FakeVeo;

/// <summary>What a <see cref="FakeVeoFault"/> does.</summary>
public enum FakeVeoFaultKind
{
    Status,
    DropConnection,
    DropMidBody,
    Delay,

    /// <summary>Downloads: only part of the clip is sent and the response then ends normally (see <see cref="FakeVeoFault.EndBodyEarly"/>).</summary>
    ShortBody,

    /// <summary>200 with a body that is not the expected JSON (see <see cref="FakeVeoFault.UnreadableBody"/>).</summary>
    UnreadableBody,

    /// <summary>Headers at once, the body spread over a time (see <see cref="FakeVeoFault.SlowBody"/>).</summary>
    SlowBody,

    /// <summary>200 with a valid JSON body of a given, large size (see <see cref="FakeVeoFault.LargeBody"/>).</summary>
    LargeBody,
}
