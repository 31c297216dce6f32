namespace ShotVideo.Storage;

/// <summary>
/// A clip being written: write to <see cref="Stream"/>, then <see cref="CommitAsync"/> to move it into place in one
/// rename, so readers see either no clip, the previous clip, or the complete new one — never a partial file.
/// </summary>
internal sealed class PendingClip : IAsyncDisposable, IDisposable
{
    private const int BufferSize = 81_920;

    private readonly FileStream stream;
    private readonly string temporaryPath;
    private bool committed;

    internal PendingClip(ClipLocation location, string temporaryPath)
    {
        Location = location;
        this.temporaryPath = temporaryPath;
        stream = new FileStream(
            temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous);
    }

    public ClipLocation Location { get; }

    /// <summary>Where the clip's bytes go.</summary>
    public Stream Stream => stream;

    /// <summary>
    /// Flushes the clip to disk and renames it into place, replacing an earlier clip (Override regenerates).
    /// Returns the path to store in <c>shots.video_file_path</c>.
    /// </summary>
    public async Task<string> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (committed)
        {
            throw new InvalidOperationException("The clip is already committed.");
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        // On disk before the rename, so a crash cannot leave a complete-looking name over incomplete data.
        stream.Flush(flushToDisk: true);
        await stream.DisposeAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        File.Move(temporaryPath, Location.AbsolutePath, overwrite: true);
        committed = true;
        return Location.RelativePath;
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
