namespace ShotVideo.Storage;

/// <summary>
/// A clip being written: write to <see cref="Stream"/>, then <see cref="CommitAsync"/> to move it into place in one
/// rename, so readers see either no clip, the previous clip, or the complete new one — never a partial file. The
/// previous clip is kept as a take, never overwritten.
/// </summary>
internal sealed class PendingClip : IAsyncDisposable, IDisposable
{
    private const int BufferSize = 81_920;

    private readonly FileStream stream;
    private readonly string temporaryPath;
    private readonly TakeStore takes;
    private bool committed;

    internal PendingClip(ClipLocation location, string temporaryPath, TakeStore takes)
    {
        Location = location;
        this.temporaryPath = temporaryPath;
        this.takes = takes;
        stream = new FileStream(
            temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous);
    }

    public ClipLocation Location { get; }

    /// <summary>Where the clip's bytes go.</summary>
    public Stream Stream => stream;

    /// <summary>The stored clip: the path to store in <c>shots.video_file_path</c>, where the clip that was at that
    /// path went (null when there was none), and the clip's size and SHA-256 (lowercase hex), which name the file
    /// wherever it moves later.</summary>
    public sealed record Committed(string Path, ClipLocation? KeptTake, long Bytes, string Sha256);

    /// <summary>
    /// Flushes the clip to disk, moves a clip already at the target to the shot's next take (Override regenerates; an
    /// unrecorded file is kept the same way), then renames the new clip into place.
    /// </summary>
    public async Task<Committed> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (committed)
        {
            throw new InvalidOperationException("The clip is already committed.");
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        // On disk before the rename, so a crash cannot leave a complete-looking name over incomplete data.
        stream.Flush(flushToDisk: true);
        var bytes = stream.Length;
        // Read back rather than hashed while written: generators rewind the stream to retry a download or inspect it.
        stream.Position = 0;
        var sha256 = ClipStore.Sha256(stream);
        await stream.DisposeAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var kept = takes.KeepCurrent(Location);
        // No overwrite: the target was just emptied, and a file that appeared since is somebody's, so this fails
        // (the paid operation stays resumable) rather than destroy it.
        File.Move(temporaryPath, Location.AbsolutePath, overwrite: false);
        committed = true;
        return new Committed(Location.RelativePath, kept, bytes, sha256);
    }

    public void Dispose()
    {
        stream.Dispose();
        DeleteUncommitted();
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync().ConfigureAwait(false);
        DeleteUncommitted();
    }

    private void DeleteUncommitted()
    {
        if (!committed)
        {
            File.Delete(temporaryPath);
        }
    }
}
