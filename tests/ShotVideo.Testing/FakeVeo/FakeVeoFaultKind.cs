namespace ShotVideo.Testing.FakeVeo;

/// <summary>What a <see cref="FakeVeoFault"/> does.</summary>
public enum FakeVeoFaultKind
{
    Status,
    DropConnection,
    DropMidBody,
    Delay,
}
