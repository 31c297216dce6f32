namespace ShotVideo.Testing.FakeVeo;

/// <summary>One request as the fake service received it: every header, the full URL (path and query) and the body.</summary>
public sealed record FakeVeoRequest(
    FakeVeoEndpoint Endpoint,
    string Backend,
    string Method,
    string Host,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
