using Npgsql;
using NpgsqlTypes;

namespace ShotVideo.Database;

/// <summary>
/// The job ledger. Every method is one short transaction (no session state, no session advisory locks), so it works
/// through Supabase's transaction pooler; the partial unique index on live attempts decides races between workers.
/// </summary>
public sealed class ShotVideoJobRepository
{
    private const string Columns =
        "id, story_id, scenelet_id, shot_index, backend, model, state, operation_name, claimed_by, claimed_at, heartbeat_at, "
        + "started_at, finished_at, error_text, clip_path";

    private const string LiveStates = "('claimed', 'started')";

    private readonly StoryDatabase _database;

    internal ShotVideoJobRepository(StoryDatabase database) => _database = database;

    /// <summary>
    /// Claims a shot for <paramref name="worker"/>: a new attempt when no live one exists; the live attempt itself when
    /// its worker released it or stopped heartbeating for <paramref name="staleAfter"/> and Veo already answered
    /// (resume it); otherwise the other worker's hold. A live claim whose worker is gone before Veo's answer was
    /// recorded may have a paid job nobody can name: it is reported (<see cref="ShotClaimKind.Uncertain"/>) and kept, so
    /// no run pays again by accident, until an <paramref name="overriding"/> run abandons it and starts afresh.
    /// Unless <paramref name="overriding"/> (Default and Resume modes), no new attempt is made when an attempt already
    /// succeeded with the clip the shot now records: another run finished the shot after the caller listed it
    /// (<see cref="ShotClaimKind.Recorded"/>).
    /// </summary>
    public async Task<ShotClaim> ClaimAsync(
        Guid storyId, string sceneletId, int shotIndex, string backend, string model, string worker, TimeSpan staleAfter, bool overriding,
        CancellationToken cancellationToken)
    {
        // Usually nobody else holds the shot: one insert, in one round trip, claims it.
        var inserted = await _database.RunAsync(
            connection => InsertClaimAsync(connection, storyId, sceneletId, shotIndex, backend, model, worker, overriding, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        if (inserted is not null)
        {
            return new ShotClaim(ShotClaimKind.NewAttempt, inserted);
        }

        // A live attempt (or a recorded clip) is there: look at it in a transaction. A race with another worker's
        // insert shows up as no row inserted; the next round then sees its live attempt.
        for (var round = 0; ; round++)
        {
            var claim = await _database.RunAsync(
                connection => TryClaimAsync(connection, storyId, sceneletId, shotIndex, backend, model, worker, staleAfter, overriding, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            if (claim is not null || round == 3)
            {
                return claim ?? throw new ShotVideoException(
                    "ShotVideoClaimContended",
                    ShotVideoErrorKind.ResourceUnavailable,
                    $"Could not claim shot {shotIndex} of scenelet {sceneletId} in story {storyId}: the ledger kept changing under this run.");
            }
        }
    }

    private static async Task<ShotClaim?> TryClaimAsync(
        NpgsqlConnection connection, Guid storyId, string sceneletId, int shotIndex, string backend, string model, string worker, TimeSpan staleAfter,
        bool overriding, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        ShotVideoJob? live = null;
        var stale = false;
        await using (var select = new NpgsqlCommand(
            $"""
            select {Columns}, (claimed_by is null or heartbeat_at < timezone('utc', now()) - @stale) as stale
            from public.shot_video_jobs
            where story_id = @story and scenelet_id = @scenelet and shot_index = @shot and state in {LiveStates}
            for update
            """,
            connection))
        {
            select.Parameters.AddWithValue("story", storyId);
            select.Parameters.AddWithValue("scenelet", sceneletId);
            select.Parameters.AddWithValue("shot", shotIndex);
            select.Parameters.AddWithValue("stale", staleAfter);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                live = ReadJob(reader);
                stale = reader.GetBoolean(15);
            }
        }

        ShotClaim? claim;
        if (live is not null && !stale && live.ClaimedBy != worker)
        {
            claim = new ShotClaim(ShotClaimKind.HeldByOther, live);
        }
        else if (live is { OperationName: not null })
        {
            var taken = await ReadOneAsync(
                connection,
                $"update public.shot_video_jobs set claimed_by = @worker, heartbeat_at = timezone('utc', now()) where id = @id returning {Columns}",
                cancellationToken,
                ("worker", worker), ("id", live.Id)).ConfigureAwait(false);
            claim = new ShotClaim(ShotClaimKind.Resume, taken!);
        }
        else if (live is not null && !overriding)
        {
            claim = new ShotClaim(ShotClaimKind.Uncertain, live);
        }
        else
        {
            if (live is not null)
            {
                await SettleInTransactionAsync(
                    connection, live.Id, ShotVideoJobState.Abandoned,
                    $"Replaced by an Override run: its start request's answer was never recorded. {live.ErrorText}".TrimEnd(),
                    null, cancellationToken).ConfigureAwait(false);
            }

            var inserted = await InsertClaimAsync(connection, storyId, sceneletId, shotIndex, backend, model, worker, overriding, cancellationToken)
                .ConfigureAwait(false);
            claim = inserted is not null
                ? new ShotClaim(ShotClaimKind.NewAttempt, inserted)
                : !overriding && await ReadOneAsync(
                    connection,
                    RecordingAttempt,
                    cancellationToken,
                    ("story", storyId), ("scenelet", sceneletId), ("shot", shotIndex)).ConfigureAwait(false) is { } done
                    ? new ShotClaim(ShotClaimKind.Recorded, done)
                    : null;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claim;
    }

    /// <summary>
    /// Inserts a new live attempt unless one exists (the partial unique index decides races) or, unless
    /// <paramref name="overriding"/>, the shot already records a clip an attempt produced; null when nothing was inserted.
    /// The recorded-clip check rides in the insert, so a claim costs no extra round trip.
    /// </summary>
    private static Task<ShotVideoJob?> InsertClaimAsync(
        NpgsqlConnection connection, Guid storyId, string sceneletId, int shotIndex, string backend, string model, string worker, bool overriding,
        CancellationToken cancellationToken) =>
        ReadOneAsync(
            connection,
            $"""
            insert into public.shot_video_jobs (story_id, scenelet_id, shot_index, backend, model, state, claimed_by)
            select @story, @scenelet, @shot, @backend, @model, 'claimed', @worker
            where not @skipRecorded or not exists ({RecordingAttempt})
            on conflict (story_id, scenelet_id, shot_index) where state in {LiveStates} do nothing
            returning {Columns}
            """,
            cancellationToken,
            ("story", storyId), ("scenelet", sceneletId), ("shot", shotIndex), ("backend", backend), ("model", model), ("worker", worker),
            ("skipRecorded", !overriding));

    /// <summary>
    /// The succeeded attempt whose clip the shot records (@story, @scenelet, @shot). Read after the live-attempt check:
    /// a run records the clip path before it settles its attempt, so once no live attempt is seen, the finished one and
    /// its path are both visible.
    /// </summary>
    private const string RecordingAttempt =
        $"""
        select {Columns} from public.shot_video_jobs
        where story_id = @story and scenelet_id = @scenelet and shot_index = @shot and state = 'succeeded'
          and clip_path = (select video_file_path from public.shots where story_id = @story and scenelet_id = @scenelet and shot_index = @shot)
        order by finished_at desc
        limit 1
        """;

    /// <summary>Records the operation name as soon as Veo answers the start request, before any polling.</summary>
    public Task<ShotVideoJob> RecordStartedAsync(Guid jobId, string worker, string operationName, CancellationToken cancellationToken) =>
        UpdateOwnAsync(
            jobId,
            worker,
            "state = 'started', operation_name = @operation, started_at = timezone('utc', now()), heartbeat_at = timezone('utc', now())",
            cancellationToken,
            ("operation", operationName));

    /// <summary>
    /// Keeps an attempt whose start request may have reached Veo without an answer (e.g. the connection dropped after
    /// sending) live but held by nobody, with the reason: later runs report it instead of paying again.
    /// </summary>
    public Task<ShotVideoJob> MarkUncertainAsync(Guid jobId, string worker, string reason, CancellationToken cancellationToken) =>
        UpdateOwnAsync(jobId, worker, "claimed_by = null, error_text = @reason", cancellationToken, ("reason", reason));

    /// <summary>Keeps this worker's live attempts from being taken over.</summary>
    public Task<int> HeartbeatAsync(string worker, IReadOnlyCollection<Guid> jobIds, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    $"update public.shot_video_jobs set heartbeat_at = timezone('utc', now()) where id = any(@ids) and claimed_by = @worker and state in {LiveStates}",
                    connection);
                command.Parameters.AddWithValue("ids", jobIds.ToArray());
                command.Parameters.AddWithValue("worker", worker);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>
    /// Lets go of a live attempt without settling it (the run was stopped): a started one stays resumable by any run
    /// at once; a claim whose start request was never sent is abandoned.
    /// </summary>
    public Task<bool> ReleaseAsync(Guid jobId, string worker, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    $"""
                    update public.shot_video_jobs
                    set claimed_by = null,
                        state = case when operation_name is null then 'abandoned' else state end,
                        finished_at = case when operation_name is null then timezone('utc', now()) end,
                        error_text = case when operation_name is null then 'Stopped before the start request was sent.' end
                    where id = @id and claimed_by = @worker and state in {LiveStates}
                    """,
                    connection);
                command.Parameters.AddWithValue("id", jobId);
                command.Parameters.AddWithValue("worker", worker);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    /// <summary>
    /// Records a stored clip: sets the shot's <c>video_file_path</c> and settles the attempt as Succeeded in one
    /// statement, so the shot and the ledger never disagree. Returns the refreshed shot.
    /// </summary>
    public Task<ShotRecord> RecordClipAsync(Guid jobId, Guid storyId, string sceneletId, int shotIndex, string clipPath, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    $"""
                    with shots as (
                      update public.shots set video_file_path = @path
                      where story_id = @story and scenelet_id = @scenelet and shot_index = @shot
                      returning *
                    ), settled as (
                      update public.shot_video_jobs
                      set state = 'succeeded', clip_path = @path, error_text = null, finished_at = timezone('utc', now()), claimed_by = null
                      where id = @id and exists (select 1 from shots)
                    )
                    select {ShotCoverageQuery.ShotColumns} from shots
                    """,
                    connection);
                command.Parameters.AddWithValue("path", clipPath);
                command.Parameters.AddWithValue("story", storyId);
                command.Parameters.AddWithValue("scenelet", sceneletId);
                command.Parameters.AddWithValue("shot", shotIndex);
                command.Parameters.AddWithValue("id", jobId);
                var shots = await command.ReadAllAsync(ShotRepository.ReadShot, cancellationToken).ConfigureAwait(false);
                return shots.Count == 1 ? shots[0] : throw new ShotVideoException(
                    "ShotVideoShotNotFound",
                    ShotVideoErrorKind.ObjectNotFound,
                    $"No shot {shotIndex} in scenelet {sceneletId} of story {storyId}: the clip {clipPath} was stored but not recorded.")
                {
                    StoryId = storyId,
                    SceneletId = sceneletId,
                    ShotIndex = shotIndex,
                };
            },
            cancellationToken);

    /// <summary>Settles an attempt: Succeeded (with the clip path), Filtered or Failed (with the reason).</summary>
    public Task<ShotVideoJob> SettleAsync(Guid jobId, ShotVideoJobState state, string? errorText, string? clipPath, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection => await SettleInTransactionAsync(connection, jobId, state, errorText, clipPath, cancellationToken).ConfigureAwait(false)
                ?? throw new ShotVideoException("ShotVideoJobNotFound", ShotVideoErrorKind.ObjectNotFound, $"Job {jobId} is not in the ledger."),
            cancellationToken);

    /// <summary>Attempts for a story (newest first), optionally one scenelet's or one shot's, optionally only live ones.</summary>
    public Task<IReadOnlyList<ShotVideoJob>> ListJobsAsync(Guid? storyId, string? sceneletId, int? shotIndex, bool liveOnly, CancellationToken cancellationToken) =>
        _database.RunAsync<IReadOnlyList<ShotVideoJob>>(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    $"""
                    select {Columns} from public.shot_video_jobs
                    where (@story::uuid is null or story_id = @story)
                      and (@scenelet::text is null or scenelet_id = @scenelet)
                      and (@shot::integer is null or shot_index = @shot)
                      and (not @live or state in {LiveStates})
                    order by claimed_at desc, id
                    """,
                    connection);
                command.Parameters.Add(new NpgsqlParameter<Guid?>("story", NpgsqlDbType.Uuid) { TypedValue = storyId });
                command.Parameters.Add(new NpgsqlParameter<string?>("scenelet", NpgsqlDbType.Text) { TypedValue = sceneletId });
                command.Parameters.Add(new NpgsqlParameter<int?>("shot", NpgsqlDbType.Integer) { TypedValue = shotIndex });
                command.Parameters.AddWithValue("live", liveOnly);
                return await command.ReadAllAsync(ReadJob, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    private Task<ShotVideoJob> UpdateOwnAsync(Guid jobId, string worker, string assignments, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        _database.RunAsync(
            async connection =>
            {
                var updated = await ReadOneAsync(
                    connection,
                    $"update public.shot_video_jobs set {assignments} where id = @id and claimed_by = @worker and state in {LiveStates} returning {Columns}",
                    cancellationToken,
                    [("id", jobId), ("worker", worker), .. parameters]).ConfigureAwait(false);
                return updated ?? throw new ShotVideoException(
                    "ShotVideoClaimLost",
                    ShotVideoErrorKind.OperationFailed,
                    $"Job {jobId} is no longer held by this run ({worker}); another run took it over.");
            },
            cancellationToken);

    private static Task<ShotVideoJob?> SettleInTransactionAsync(
        NpgsqlConnection connection, Guid jobId, ShotVideoJobState state, string? errorText, string? clipPath, CancellationToken cancellationToken) =>
        ReadOneAsync(
            connection,
            $"""
            update public.shot_video_jobs
            set state = @state, error_text = @error, clip_path = @clip, finished_at = timezone('utc', now()), claimed_by = null
            where id = @id
            returning {Columns}
            """,
            cancellationToken,
            ("id", jobId), ("state", ToText(state)), ("error", (object?)errorText ?? DBNull.Value), ("clip", (object?)clipPath ?? DBNull.Value));

    private static async Task<ShotVideoJob?> ReadOneAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is DBNull ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = value } : new NpgsqlParameter(name, value));
        }

        var jobs = await command.ReadAllAsync(ReadJob, cancellationToken).ConfigureAwait(false);
        return jobs.Count == 0 ? null : jobs[0];
    }

    private static ShotVideoJob ReadJob(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.GetInt32(3),
        reader.GetString(4),
        reader.GetString(5),
        FromText(reader.GetString(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetFieldValue<DateTimeOffset>(9),
        reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        reader.IsDBNull(13) ? null : reader.GetString(13),
        reader.IsDBNull(14) ? null : reader.GetString(14));

    private static string ToText(ShotVideoJobState state) => state.ToString().ToLowerInvariant();

    private static ShotVideoJobState FromText(string state) => Enum.Parse<ShotVideoJobState>(state, ignoreCase: true);
}
