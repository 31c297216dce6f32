using Npgsql;
using NpgsqlTypes;
using ShotVideo.Database;
using ShotVideo.Storage;
using ShotVideo.Veo;

namespace ShotVideo.Ledger;

/// <summary>
/// The job ledger's storage (<c>shot_video_jobs</c>). Every method is one short transaction (no session state, no
/// session advisory locks), so it works through Supabase's transaction pooler; the partial unique index on live
/// attempts decides races between runs. The transitions themselves belong to <see cref="LedgerAttempt"/>.
/// </summary>
public sealed class JobLedger
{
    private const string Columns =
        "id, story_id, scenelet_id, shot_index, backend, model, state, operation_name, claimed_by, claimed_at, heartbeat_at, "
        + "started_at, finished_at, error_text, clip_path, cost_usd, claimed_host, claimed_pid, claimed_process_start, sending_at, "
        + "clip_bytes, clip_seconds, prompt_sha256, clip_removed_at, prompt_text, sent_references, clip_sha256";

    private const int ColumnCount = 27;

    private const string LiveStates = "('claimed', 'started')";

    /// <summary>The succeeded attempt whose clip the shot records now (@story, @scenelet, @shot), newest first.</summary>
    private const string RecordingAttempt =
        $"""
        select {Columns} from public.shot_video_jobs
        where story_id = @story and scenelet_id = @scenelet and shot_index = @shot and state = 'succeeded'
          and clip_path = (select video_file_path from public.shots where story_id = @story and scenelet_id = @scenelet and shot_index = @shot)
        order by finished_at desc
        limit 1
        """;

    private readonly StoryDatabase _database;

    internal JobLedger(StoryDatabase database) => _database = database;

    /// <summary>Attempts, newest first: of a story (or every story), optionally one scenelet's or one shot's, only live
    /// ones, only in the given states, or only those claimed since a time.</summary>
    public Task<IReadOnlyList<ShotVideoJob>> ListJobsAsync(
        Guid? storyId, string? sceneletId, int? shotIndex, bool liveOnly, CancellationToken cancellationToken,
        IReadOnlyCollection<ShotVideoJobState>? states = null, DateTimeOffset? since = null) =>
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
                      and (@states::text[] is null or state = any(@states))
                      and (@since::timestamptz is null or claimed_at >= @since)
                    order by claimed_at desc, id
                    """,
                    connection);
                command.Parameters.Add(new NpgsqlParameter<Guid?>("story", NpgsqlDbType.Uuid) { TypedValue = storyId });
                command.Parameters.Add(new NpgsqlParameter<string?>("scenelet", NpgsqlDbType.Text) { TypedValue = sceneletId });
                command.Parameters.Add(new NpgsqlParameter<int?>("shot", NpgsqlDbType.Integer) { TypedValue = shotIndex });
                command.Parameters.AddWithValue("live", liveOnly);
                command.Parameters.Add(new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text)
                {
                    Value = states is null ? DBNull.Value : states.Select(ToText).ToArray(),
                });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("since", NpgsqlDbType.TimestampTz) { TypedValue = since?.ToUniversalTime() });
                return await command.ReadAllAsync(ReadJob, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>
    /// The story's live attempts, whether each is stale (its run released it, stopped heartbeating for
    /// <paramref name="staleAfter"/>, or its process is gone from this machine), and the database's clock: what a plan
    /// needs of the ledger, in one round trip.
    /// </summary>
    internal Task<LedgerSnapshot> ReadSnapshotAsync(Guid storyId, TimeSpan staleAfter, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var batch = new NpgsqlBatch(connection)
                {
                    BatchCommands =
                    {
                        // The same expression the ledger stamps finished_at with, so "recorded after this" compares like with like.
                        new NpgsqlBatchCommand("select timezone('utc', now())::timestamptz"),
                        new NpgsqlBatchCommand(
                            $"""
                            select {Columns}, (claimed_by is null or heartbeat_at < timezone('utc', now()) - @stale) as stale
                            from public.shot_video_jobs
                            where story_id = @story and state in {LiveStates}
                            """)
                        {
                            Parameters = { new NpgsqlParameter("story", storyId), new NpgsqlParameter("stale", staleAfter) },
                        },
                    },
                };
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var now = reader.GetFieldValue<DateTimeOffset>(0);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var live = new List<LedgerSnapshot.LiveAttempt>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var job = ReadJob(reader);
                    live.Add(new LedgerSnapshot.LiveAttempt(job, reader.GetBoolean(ColumnCount) || job.Holder?.IsGoneFromThisMachine() == true));
                }

                return new LedgerSnapshot(now, live);
            },
            cancellationToken);

    /// <summary>
    /// Claims a shot for <paramref name="worker"/>: a new attempt when no live one exists and the shot is as the plan
    /// read it; the live attempt itself when its run released it, stopped heartbeating for <paramref name="staleAfter"/>,
    /// or its process is gone from this machine, and Veo already answered (resume it); otherwise the other run's hold. A
    /// live claim whose run is gone before Veo's answer was recorded may have a paid job nobody can name: it is reported
    /// and kept, so no run pays again by accident, until a run whose <paramref name="rule"/> replaces uncertain starts
    /// abandons it. A shot another run recorded a clip for since the plan is left as it is.
    /// </summary>
    internal async Task<ClaimOutcome> ClaimAsync(
        ShotKey shot, VideoBackend backend, string model, LedgerWorker worker, TimeSpan staleAfter, ClaimRule rule,
        LedgerHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        // Usually nobody else holds the shot: one insert, in one round trip, claims it.
        var inserted = await _database.RunAsync(
            connection => InsertClaimAsync(connection, shot, backend, model, worker, rule, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        if (inserted is not null)
        {
            return new ClaimOutcome.Owned(new LedgerAttempt(this, inserted, worker, heartbeat));
        }

        // A live attempt (or a recorded clip) is there: look at it in a transaction. A race with another run's insert
        // shows up as no row inserted; the next round then sees its live attempt.
        for (var round = 0; round < 4; round++)
        {
            var claim = await _database.RunAsync(
                connection => TryClaimAsync(connection, shot, backend, model, worker, staleAfter, rule, heartbeat, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            if (claim is not null)
            {
                return claim;
            }
        }

        throw ShotVideoErrors.ClaimContended(shot);
    }

    private async Task<ClaimOutcome?> TryClaimAsync(
        NpgsqlConnection connection, ShotKey shot, VideoBackend backend, string model, LedgerWorker worker, TimeSpan staleAfter, ClaimRule rule,
        LedgerHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset version;
        await using (var lockShot = new NpgsqlCommand(
            "select updated_at from public.shots where story_id = @story and scenelet_id = @scenelet and shot_index = @shot for update", connection))
        {
            AddShot(lockShot, shot);
            await using var reader = await lockShot.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            version = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? reader.GetFieldValue<DateTimeOffset>(0)
                : throw ShotVideoErrors.ShotNotFound(shot, "it was deleted after this run planned it");
        }

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
            AddShot(select, shot);
            select.Parameters.AddWithValue("stale", staleAfter);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                live = ReadJob(reader);
                stale = reader.GetBoolean(ColumnCount) || live.Holder?.IsGoneFromThisMachine() == true;
            }
        }

        ClaimOutcome? claim;
        if (live is not null && !stale && live.ClaimedBy != worker.RunId)
        {
            claim = new ClaimOutcome.HeldByOther(live);
        }
        else if (live is { OperationName: not null })
        {
            var taken = await ReadOneAsync(
                connection,
                $"""
                update public.shot_video_jobs
                set claimed_by = @worker, claimed_host = @host, claimed_pid = @pid, claimed_process_start = @processStart,
                    heartbeat_at = timezone('utc', now())
                where id = @id
                returning {Columns}
                """,
                cancellationToken,
                [("id", live.Id), .. WorkerParameters(worker)]).ConfigureAwait(false);
            claim = new ClaimOutcome.Owned(new LedgerAttempt(this, taken!, worker, heartbeat));
        }
        else if (live is { StartUnanswered: true } && !rule.ReplaceUncertain)
        {
            claim = new ClaimOutcome.UncertainStart(live);
        }
        else
        {
            if (live is not null)
            {
                await SettleInTransactionAsync(
                    connection, live.Id, ShotVideoJobState.Abandoned,
                    live.StartUnanswered
                        ? $"Replaced by an Override run: its start request's answer was never recorded. {live.ErrorText}".TrimEnd()
                        : "Its run stopped before sending the start request (nothing reached Google); the shot was claimed anew.",
                    cancellationToken).ConfigureAwait(false);
            }

            if (version != rule.ShotVersion)
            {
                claim = await ReadOneAsync(connection, RecordingAttempt, cancellationToken, ShotParameters(shot)).ConfigureAwait(false) is { FinishedAt: { } finished } done
                    && finished >= rule.ShotVersion
                    ? new ClaimOutcome.Recorded(done)
                    : new ClaimOutcome.Changed();
            }
            else
            {
                var inserted = await InsertClaimAsync(connection, shot, backend, model, worker, rule, cancellationToken).ConfigureAwait(false);
                claim = inserted is null ? null : new ClaimOutcome.Owned(new LedgerAttempt(this, inserted, worker, heartbeat));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claim;
    }

    /// <summary>
    /// Inserts a new live attempt unless one exists (the partial unique index decides races) or the shot's row is no
    /// longer the version the plan read; null when nothing was inserted. The shot's row is locked (FOR UPDATE) and its
    /// version checked in the same statement: a run that records a clip updates that row, so its commit is either seen
    /// by the check (the latest row version is re-read after the lock) or waits for this claim; a check on the ledger
    /// alone would read a snapshot from before such a commit and could start a clip that was just recorded.
    /// </summary>
    private static Task<ShotVideoJob?> InsertClaimAsync(
        NpgsqlConnection connection, ShotKey shot, VideoBackend backend, string model, LedgerWorker worker, ClaimRule rule, CancellationToken cancellationToken) =>
        ReadOneAsync(
            connection,
            $"""
            with unchanged as (
              select 1 from public.shots
              where story_id = @story and scenelet_id = @scenelet and shot_index = @shot and updated_at = @version
              for update
            )
            insert into public.shot_video_jobs (story_id, scenelet_id, shot_index, backend, model, state, claimed_by, claimed_host, claimed_pid, claimed_process_start)
            select @story, @scenelet, @shot, @backend, @model, 'claimed', @worker, @host, @pid, @processStart from unchanged
            on conflict (story_id, scenelet_id, shot_index) where state in {LiveStates} do nothing
            returning {Columns}
            """,
            cancellationToken,
            [.. ShotParameters(shot), ("backend", backend.ToString()), ("model", model), ("version", rule.ShotVersion), .. WorkerParameters(worker)]);

    /// <summary>
    /// Records the operation name (and what the start cost, and the prompt and references it sent) as soon as Veo
    /// answers, before any polling.
    /// </summary>
    internal Task<ShotVideoJob> RecordStartedAsync(
        Guid jobId, LedgerWorker worker, string operationName, decimal? costUsd, SentRequest sent, CancellationToken cancellationToken) =>
        UpdateOwnAsync(
            jobId,
            worker,
            "state = 'started', operation_name = @operation, cost_usd = @cost, prompt_sha256 = @promptSha256, prompt_text = @prompt, "
            + "sent_references = @references::jsonb, started_at = timezone('utc', now()), heartbeat_at = timezone('utc', now())",
            cancellationToken,
            ("operation", operationName), ("cost", (object?)costUsd ?? DBNull.Value), ("promptSha256", sent.PromptSha256), ("prompt", sent.Prompt),
            ("references", SentRequest.ToJson(sent.References)));

    /// <summary>
    /// Marks the claim as sending its start request, just before it goes: from here until Veo's answer is recorded, a
    /// run that finds the claim abandoned must assume a paid job may exist. <paramref name="sending"/> false clears the
    /// mark after a 429 (a refused start was not run), so the claim may wait for the quota again.
    /// </summary>
    internal Task<ShotVideoJob> MarkSendingAsync(Guid jobId, LedgerWorker worker, bool sending, CancellationToken cancellationToken) =>
        UpdateOwnAsync(
            jobId,
            worker,
            "sending_at = case when @sending then timezone('utc', now()) end, heartbeat_at = timezone('utc', now())",
            cancellationToken,
            ("sending", sending));

    /// <summary>
    /// Keeps an attempt whose start request may have reached Veo without an answer live but held by nobody, with the
    /// reason: later runs report it instead of paying again.
    /// </summary>
    internal Task<ShotVideoJob> MarkUncertainAsync(Guid jobId, LedgerWorker worker, string reason, CancellationToken cancellationToken) =>
        UpdateOwnAsync(jobId, worker, "claimed_by = null, error_text = @reason", cancellationToken, ("reason", reason));

    /// <summary>Keeps this run's live attempts from being taken over.</summary>
    internal Task<int> HeartbeatAsync(LedgerWorker worker, IReadOnlyCollection<Guid> jobIds, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    $"update public.shot_video_jobs set heartbeat_at = timezone('utc', now()) where id = any(@ids) and claimed_by = @worker and state in {LiveStates}",
                    connection);
                command.Parameters.AddWithValue("ids", jobIds.ToArray());
                command.Parameters.AddWithValue("worker", worker.RunId);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>
    /// Lets go of a live attempt without settling it: a started one stays resumable by any run at once; a claim whose
    /// start request was never sent is abandoned with <paramref name="reason"/>.
    /// </summary>
    internal Task<bool> ReleaseAsync(Guid jobId, LedgerWorker worker, string reason, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    $"""
                    update public.shot_video_jobs
                    set claimed_by = null,
                        state = case when operation_name is null then 'abandoned' else state end,
                        finished_at = case when operation_name is null then timezone('utc', now()) end,
                        error_text = case when operation_name is null then @reason else error_text end
                    where id = @id and claimed_by = @worker and state in {LiveStates}
                    """,
                    connection);
                command.Parameters.AddWithValue("id", jobId);
                command.Parameters.AddWithValue("worker", worker.RunId);
                command.Parameters.AddWithValue("reason", reason);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    /// <summary>
    /// Records a stored clip: sets the shot's <c>video_file_path</c> and settles the attempt as Succeeded with the clip's
    /// facts in one statement, so the shot and the ledger never disagree. When the clip that was current was kept as a
    /// take (<see cref="PendingClip.Committed.KeptTake"/>), the attempt that produced it follows its file there in the
    /// same statement. Returns the refreshed shot.
    /// </summary>
    internal Task<ShotRecord> RecordClipAsync(
        Guid jobId, ShotKey shot, PendingClip.Committed clip, TimeSpan duration, string? warnings, CancellationToken cancellationToken) =>
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
                      set state = 'succeeded', clip_path = @path, clip_bytes = @bytes, clip_sha256 = @sha256, clip_seconds = @seconds, warnings = @warnings,
                          error_text = null, finished_at = timezone('utc', now()), claimed_by = null
                      where id = @id and exists (select 1 from shots)
                    ), kept as (
                      -- The attempt of the clip that was current: the newest one recording it (rows of earlier
                      -- versions may all name the same path, as their files were overwritten).
                      update public.shot_video_jobs set clip_path = @take
                      where @take::text is not null and exists (select 1 from shots) and id = (
                        select id from public.shot_video_jobs
                        where story_id = @story and scenelet_id = @scenelet and shot_index = @shot and state = 'succeeded'
                          and clip_path = @path and id <> @id
                        order by finished_at desc
                        limit 1)
                    )
                    select {ShotCoverageQuery.ShotColumns} from shots
                    """,
                    connection);
                AddShot(command, shot);
                command.Parameters.AddWithValue("path", clip.Path);
                command.Parameters.AddWithValue("id", jobId);
                command.Parameters.AddWithValue("bytes", clip.Bytes);
                command.Parameters.AddWithValue("sha256", clip.Sha256);
                command.Parameters.AddWithValue("seconds", (decimal)Math.Round(duration.TotalSeconds, 3));
                command.Parameters.Add(new NpgsqlParameter<string?>("warnings", NpgsqlDbType.Text) { TypedValue = warnings });
                command.Parameters.Add(new NpgsqlParameter<string?>("take", NpgsqlDbType.Text) { TypedValue = clip.KeptTake?.RelativePath });
                var shots = await command.ReadAllAsync(ShotRepository.ReadShot, cancellationToken).ConfigureAwait(false);
                return shots.Count == 1 ? shots[0] : throw ShotVideoErrors.ShotNotFound(shot, $"the clip {clip.Path} was stored but not recorded");
            },
            cancellationToken);

    /// <summary>
    /// Records that a take became current (<see cref="Takes.ShotTakes"/> has swapped the files): the shot's
    /// <c>video_file_path</c> is the current path again, the attempt of the clip that was current follows it to
    /// <paramref name="displacedTakePath"/>, and the chosen take's attempt to <paramref name="currentPath"/>; one statement.
    /// </summary>
    internal Task SwapCurrentClipAsync(
        ShotKey shot, string currentPath, Guid? displacedJobId, string? displacedTakePath, Guid? chosenJobId, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    with shots as (
                      update public.shots set video_file_path = @path
                      where story_id = @story and scenelet_id = @scenelet and shot_index = @shot
                      returning 1
                    )
                    update public.shot_video_jobs
                    set clip_path = case when id = @displaced then @take else @path end
                    where id in (@displaced, @chosen) and exists (select 1 from shots)
                    """,
                    connection);
                AddShot(command, shot);
                command.Parameters.AddWithValue("path", currentPath);
                command.Parameters.Add(new NpgsqlParameter<string?>("take", NpgsqlDbType.Text) { TypedValue = displacedTakePath });
                command.Parameters.Add(new NpgsqlParameter<Guid?>("displaced", NpgsqlDbType.Uuid) { TypedValue = displacedJobId });
                command.Parameters.Add(new NpgsqlParameter<Guid?>("chosen", NpgsqlDbType.Uuid) { TypedValue = chosenJobId });
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>
    /// Records that a take's file was deleted: its attempt no longer points at a file (so a later take at that path is
    /// never taken for it) and keeps when it was removed, with the size, length and cost it had.
    /// </summary>
    internal Task RemovedClipAsync(Guid jobId, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    "update public.shot_video_jobs set clip_path = null, clip_removed_at = timezone('utc', now()) where id = @id",
                    connection);
                command.Parameters.AddWithValue("id", jobId);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>Settles an attempt as Filtered (not charged: its cost is cleared), Failed or Expired, with the reason.</summary>
    internal Task<ShotVideoJob?> SettleAsync(Guid jobId, ShotVideoJobState state, string reason, CancellationToken cancellationToken) =>
        _database.RunAsync(connection => SettleInTransactionAsync(connection, jobId, state, reason, cancellationToken), cancellationToken);

    private Task<ShotVideoJob> UpdateOwnAsync(Guid jobId, LedgerWorker worker, string assignments, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        _database.RunAsync(
            async connection =>
            {
                var updated = await ReadOneAsync(
                    connection,
                    $"update public.shot_video_jobs set {assignments} where id = @id and claimed_by = @worker and state in {LiveStates} returning {Columns}",
                    cancellationToken,
                    [("id", jobId), ("worker", worker.RunId), .. parameters]).ConfigureAwait(false);
                return updated ?? throw ShotVideoErrors.ClaimLost(jobId, worker.RunId);
            },
            cancellationToken);

    private static Task<ShotVideoJob?> SettleInTransactionAsync(
        NpgsqlConnection connection, Guid jobId, ShotVideoJobState state, string reason, CancellationToken cancellationToken) =>
        ReadOneAsync(
            connection,
            $"""
            update public.shot_video_jobs
            set state = @state, error_text = @error, finished_at = timezone('utc', now()), claimed_by = null,
                cost_usd = case when @state = 'filtered' then 0 else cost_usd end
            where id = @id
            returning {Columns}
            """,
            cancellationToken,
            ("id", jobId), ("state", ToText(state)), ("error", reason));

    private static (string Name, object Value)[] ShotParameters(ShotKey shot) =>
        [("story", shot.StoryId), ("scenelet", shot.SceneletId), ("shot", shot.ShotIndex)];

    private static (string Name, object Value)[] WorkerParameters(LedgerWorker worker) =>
        [("worker", worker.RunId), ("host", worker.Host), ("pid", worker.ProcessId), ("processStart", worker.ProcessStart)];

    private static void AddShot(NpgsqlCommand command, ShotKey shot)
    {
        foreach (var (name, value) in ShotParameters(shot))
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static async Task<ShotVideoJob?> ReadOneAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            // The values that may be missing are a cost (numeric) and a prompt hash (text): a bare DBNull would leave its type unknown.
            command.Parameters.Add(value is DBNull ? new NpgsqlParameter(name, name == "prompt" ? NpgsqlDbType.Text : NpgsqlDbType.Numeric) { Value = value } : new NpgsqlParameter(name, value));
        }

        var jobs = await command.ReadAllAsync(ReadJob, cancellationToken).ConfigureAwait(false);
        return jobs.Count == 0 ? null : jobs[0];
    }

    private static ShotVideoJob ReadJob(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.GetInt32(3),
        Enum.Parse<VideoBackend>(reader.GetString(4), ignoreCase: true),
        reader.GetString(5),
        FromText(reader.GetString(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetFieldValue<DateTimeOffset>(9),
        reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        reader.IsDBNull(13) ? null : reader.GetString(13),
        reader.IsDBNull(14) ? null : reader.GetString(14),
        reader.IsDBNull(15) ? null : reader.GetDecimal(15))
    {
        Holder = reader.IsDBNull(8) || reader.IsDBNull(16)
            ? null
            : new LedgerWorker.Holder(reader.GetString(16), reader.GetInt32(17), reader.GetFieldValue<DateTimeOffset>(18)),
        SendingAt = reader.IsDBNull(19) ? null : reader.GetFieldValue<DateTimeOffset>(19),
        ClipBytes = reader.IsDBNull(20) ? null : reader.GetInt64(20),
        ClipDuration = reader.IsDBNull(21) ? null : TimeSpan.FromSeconds((double)reader.GetDecimal(21)),
        PromptSha256 = reader.IsDBNull(22) ? null : reader.GetString(22),
        ClipRemovedAt = reader.IsDBNull(23) ? null : reader.GetFieldValue<DateTimeOffset>(23),
        PromptText = reader.IsDBNull(24) ? null : reader.GetString(24),
        References = reader.IsDBNull(25) ? null : SentRequest.FromJson(reader.GetString(25)),
        ClipSha256 = reader.IsDBNull(26) ? null : reader.GetString(26),
    };

    private static string ToText(ShotVideoJobState state) => state.ToString().ToLowerInvariant();

    private static ShotVideoJobState FromText(string state) => Enum.Parse<ShotVideoJobState>(state, ignoreCase: true);
}
