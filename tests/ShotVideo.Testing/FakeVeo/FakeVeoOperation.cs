using System.Text.Json.Nodes;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>A job the fake service accepted, kept by name so it can be polled again later (as Veo keeps results for 2 days).</summary>
public sealed class FakeVeoOperation
{
    private int _polls;

    internal FakeVeoOperation(string id, string name, string backend, string model, FakeVeoOperationPlan plan, JsonObject request)
    {
        Id = id;
        Name = name;
        Backend = backend;
        Model = model;
        Plan = plan;
        Request = request;
        CreatedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Short id, also the id of the operation's file.</summary>
    public string Id { get; }

    public string Name { get; }

    public string Backend { get; }

    public string Model { get; }

    public FakeVeoOperationPlan Plan { get; }

    /// <summary>The accepted start request body.</summary>
    public JsonObject Request { get; }

    public DateTimeOffset CreatedAt { get; }

    public int PollCount => Volatile.Read(ref _polls);

    /// <summary>Counts one poll and tells whether the operation is done as of it.</summary>
    internal bool Poll()
    {
        int polls = Interlocked.Increment(ref _polls);
        return polls > Plan.PollsUntilDone && DateTimeOffset.UtcNow - CreatedAt >= Plan.Latency;
    }
}
