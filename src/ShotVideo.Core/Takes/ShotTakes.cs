using ShotVideo.Database;
using ShotVideo.Ledger;
using ShotVideo.Storage;

namespace ShotVideo.Takes;

/// <summary>
/// A story's takes: the clip files on disk (<see cref="TakeStore"/>) joined with what the ledger recorded about each,
/// and the two changes people make to them — another take made current, an earlier take removed. Files move first and
/// only by rename without overwrite; the database follows in one statement, so a failure between the two leaves every
/// clip on disk.
/// </summary>
internal sealed class ShotTakes
{
    private readonly StoryDatabase _database;
    private readonly ClipStore _clips;

    public ShotTakes(StoryDatabase database, string publicRoot)
    {
        _database = database;
        _clips = new ClipStore(publicRoot);
    }

    /// <summary>The takes of a story's shots (or one scenelet's, or one shot's), in story order, each shot's current clip
    /// first. Throws <c>ShotVideoShotNotFound</c> or <c>ShotVideoStoryNotFound</c> when there is no such shot.</summary>
    public async Task<IReadOnlyList<ShotTake>> ListAsync(Guid storyId, string? sceneletId, int? shotIndex, CancellationToken cancellationToken)
    {
        var shots = await _database.Shots.ListShotsAsync(storyId, sceneletId, shotIndex, cancellationToken).ConfigureAwait(false);
        if (shots.Count == 0)
        {
            await _database.Shots.EnsureExistsAsync(storyId, sceneletId, shotIndex, cancellationToken).ConfigureAwait(false);
        }

        var jobs = await _database.Jobs.ListJobsAsync(
            storyId, sceneletId, shotIndex, liveOnly: false, cancellationToken, [ShotVideoJobState.Succeeded]).ConfigureAwait(false);
        var attempts = jobs.ToLookup(job => job.Key);
        return [.. shots.SelectMany(shot => Of(shot, attempts[shot.Key]))];
    }

    /// <summary>
    /// The shot's clip files, each with the attempt that made it (from <paramref name="attempts"/>, the shot's). The
    /// ledger names an attempt's file by path, but a crash between moving files and recording the move leaves that path
    /// naming another file. So a path is trusted first only when its file has the size the attempt stored; the other
    /// files are matched to the attempts left over by SHA-256, read only then (clips run to megabytes), and what is
    /// still unmatched by path. A file no attempt matches has none: made before takes were kept, put there by hand, or
    /// a second copy a crash left.
    /// </summary>
    internal IReadOnlyList<ShotTake> Of(ShotRecord shot, IEnumerable<ShotVideoJob> attempts)
    {
        var files = _clips.Takes.List(shot.Key);
        var stored = attempts.Where(job => job.State == ShotVideoJobState.Succeeded && job.ClipPath is not null).ToList();
        // Rows of versions before takes were kept may share a path whose file was overwritten: the newest made it.
        var byPath = stored
            .GroupBy(job => job.ClipPath!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.MaxBy(job => job.FinishedAt)!, StringComparer.Ordinal);
        var made = new Dictionary<TakeStore.TakeFile, ShotVideoJob>();
        foreach (var file in files)
        {
            if (byPath.TryGetValue(file.Location.RelativePath, out var job) && (job.ClipBytes is null || job.ClipBytes == file.Bytes))
            {
                made[file] = job;
            }
        }

        var leftOver = stored.Where(job => !made.ContainsValue(job)).ToList();
        foreach (var file in files.Where(file => !made.ContainsKey(file)))
        {
            if (leftOver.Any(job => job.ClipBytes == file.Bytes && job.ClipSha256 is not null)
                && Sha256Of(file) is { } sha256
                && leftOver.FirstOrDefault(job => job.ClipBytes == file.Bytes && job.ClipSha256 == sha256) is { } job)
            {
                made[file] = job;
                leftOver.Remove(job);
            }
        }

        // A file changed since (edited in place) matches nothing by content: its path still names its attempt.
        foreach (var file in files.Where(file => !made.ContainsKey(file)))
        {
            if (byPath.TryGetValue(file.Location.RelativePath, out var job) && leftOver.Remove(job))
            {
                made[file] = job;
            }
        }

        return [.. files.Select(file => ToTake(shot, file, made.GetValueOrDefault(file)))];
    }

    /// <summary>One take of a shot; <c>ShotVideoTakeNotFound</c> when it is not on disk.</summary>
    public async Task<ShotTake> GetAsync(ShotKey shot, int take, CancellationToken cancellationToken)
    {
        var takes = await ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, cancellationToken).ConfigureAwait(false);
        return takes.FirstOrDefault(candidate => candidate.Take == take) ?? throw ShotVideoErrors.TakeNotFound(shot, take);
    }

    /// <summary>
    /// Makes <paramref name="chosen"/> the shot's current clip: the current clip moves to the next take number, the
    /// chosen one to the shot's path, then <c>shots.video_file_path</c> and the attempts' clip paths follow. Refused while
    /// a run holds the shot (it would rename its clip over the swap). Returns the new current take.
    /// </summary>
    public async Task<ShotTake> MakeCurrentAsync(ShotTake chosen, CancellationToken cancellationToken)
    {
        var shot = chosen.Key;
        var live = await _database.Jobs.ListJobsAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, liveOnly: true, cancellationToken).ConfigureAwait(false);
        if (live.Count > 0)
        {
            throw ShotVideoErrors.TakeShotBusy(shot, live[0].ClaimedBy);
        }

        var takes = await ListAsync(shot.StoryId, shot.SceneletId, shot.ShotIndex, cancellationToken).ConfigureAwait(false);
        var current = takes.FirstOrDefault(take => take.IsCurrent);
        var location = _clips.Locate(shot);
        // Checked before anything moves: the chosen take's number would be free, so the current clip could land on it.
        if (!File.Exists(chosen.FullPath))
        {
            throw ShotVideoErrors.TakeNotFound(shot, chosen.Take);
        }

        var displaced = _clips.Takes.KeepCurrent(location);
        try
        {
            TakeStore.MakeCurrent(new ClipLocation(chosen.VideoFilePath, chosen.FullPath), location);
        }
        catch (IOException) when (!File.Exists(chosen.FullPath))
        {
            // The chosen take went away meanwhile: put the current clip back, so the shot keeps its clip.
            if (displaced is not null)
            {
                TakeStore.MakeCurrent(displaced, location);
            }

            throw ShotVideoErrors.TakeNotFound(shot, chosen.Take);
        }

        await _database.Jobs.SwapCurrentClipAsync(shot, location.RelativePath, current?.JobId, displaced?.RelativePath, chosen.JobId, cancellationToken)
            .ConfigureAwait(false);
        return chosen with { Take = 0, VideoFilePath = location.RelativePath, FullPath = location.AbsolutePath };
    }

    /// <summary>
    /// Deletes an earlier take's file and tells the ledger; <c>ShotVideoTakeIsCurrent</c> for the current clip. Returns
    /// the bytes freed (0 when the file was already gone).
    /// </summary>
    public async Task<long> RemoveAsync(ShotTake take, CancellationToken cancellationToken)
    {
        if (take.IsCurrent)
        {
            throw ShotVideoErrors.TakeIsCurrent(take.Key);
        }

        var file = new FileInfo(take.FullPath);
        var freed = file.Exists ? file.Length : 0;
        file.Delete();
        // Told through the attempt the file was matched to: a path a crash left naming another file is not trusted.
        if (take.JobId is { } jobId)
        {
            await _database.Jobs.RemovedClipAsync(jobId, cancellationToken).ConfigureAwait(false);
        }

        return freed;
    }

    /// <summary>The file's SHA-256 (lowercase hex); null when it went away meanwhile.</summary>
    private static string? Sha256Of(TakeStore.TakeFile file)
    {
        try
        {
            using var stream = File.OpenRead(file.Location.AbsolutePath);
            return ClipStore.Sha256(stream);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static ShotTake ToTake(ShotRecord shot, TakeStore.TakeFile file, ShotVideoJob? made)
    {
        var take = new ShotTake(shot.Key, file.Take, file.Location.RelativePath, file.Location.AbsolutePath, file.WrittenAt, file.Bytes)
        {
            StoryName = shot.StoryName,
        };
        return made is { } job
            ? take with
            {
                CreatedAt = job.FinishedAt ?? file.WrittenAt,
                JobId = job.Id,
                Duration = job.ClipDuration,
                CostUsd = job.CostUsd,
                Backend = job.Backend,
                Model = job.Model,
                PromptSha256 = job.PromptSha256,
            }
            : take;
    }
}
