namespace ShotVideo.Testing.Workers;

/// <summary>One <c>shot …</c> line of a worker's output: a finished shot.</summary>
public sealed record TestWorkerShot(string Shot, string Status, bool Resumed, string? OperationName, string? VideoFilePath, TimeSpan Elapsed, string? Reason)
{
    /// <summary>Parses <c>shot scenelet#index Status resumed=… op=… path=… elapsed-ms=… reason=…</c>; null for other lines.</summary>
    public static TestWorkerShot? TryParse(string line)
    {
        if (!line.StartsWith("shot ", StringComparison.Ordinal))
        {
            return null;
        }

        var reasonAt = line.IndexOf(" reason=", StringComparison.Ordinal);
        var parts = line[..reasonAt].Split(' ');
        var fields = parts.Skip(3).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1] == "-" ? null : p[1], StringComparer.Ordinal);
        var reason = line[(reasonAt + " reason=".Length)..];
        return new TestWorkerShot(
            parts[1], parts[2], fields["resumed"] == "True", fields["op"], fields["path"],
            TimeSpan.FromMilliseconds(double.Parse(fields["elapsed-ms"]!, System.Globalization.CultureInfo.InvariantCulture)), reason == "-" ? null : reason);
    }
}
