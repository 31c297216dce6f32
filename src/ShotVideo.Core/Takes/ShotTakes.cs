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
        // Rows of versions before takes were kept may share a path whose file was overwritten: the newest made it.
        var producers = jobs
            .Where(job => job.ClipPath is not null)
            .GroupBy(job => job.ClipPath!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.MaxBy(job => job.FinishedAt)!, StringComparer.Ordinal);
        return [.. shots.SelectMany(shot => _clips.Takes.List(shot.Key).Select(file => ToTake(shot, file, producers)))];
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
        await _database.Jobs.RemovedClipAsync(take.Key, take.VideoFilePath, cancellationToken).ConfigureAwait(false);
        return freed;
    }

    private static ShotTake ToTake(ShotRecord shot, TakeStore.TakeFile file, Dictionary<string, ShotVideoJob> producers)
    {
        var take = new ShotTake(shot.Key, file.Take, file.Location.RelativePath, file.Location.AbsolutePath, file.WrittenAt, file.Bytes)
        {
            StoryName = shot.StoryName,
        };
        return producers.TryGetValue(file.Location.RelativePath, out var job)
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
