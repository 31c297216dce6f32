using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace ShotVideo.Database;

/// <summary>Reads a story's shots, records clip paths, and reports coverage.</summary>
public sealed class ShotRepository
{
    private readonly StoryDatabase _database;

    internal ShotRepository(StoryDatabase database) => _database = database;

    /// <summary>The story's shots ordered by scenelet sequence then shot index, optionally one scenelet's or one shot.</summary>
    public Task<IReadOnlyList<ShotRecord>> ListShotsAsync(Guid storyId, string? sceneletId, int? shotIndex, CancellationToken cancellationToken) =>
        QueryAsync(new ShotScope(storyId, sceneletId, shotIndex), ShotCoverageQuery.Gap.None, cancellationToken);

    /// <summary>The targeted shots whose <c>video_file_path</c> is NULL or blank.</summary>
    public Task<IReadOnlyList<ShotRecord>> FindShotsMissingVideosAsync(Guid storyId, string? sceneletId, int? shotIndex, CancellationToken cancellationToken) =>
        QueryAsync(new ShotScope(storyId, sceneletId, shotIndex), ShotCoverageQuery.Gap.MissingVideo, cancellationToken);

    /// <summary>The targeted shots whose <c>key_frame_image_path</c> is NULL or blank.</summary>
    public Task<IReadOnlyList<ShotRecord>> FindShotsMissingImagesAsync(Guid storyId, string? sceneletId, int? shotIndex, CancellationToken cancellationToken) =>
        QueryAsync(new ShotScope(storyId, sceneletId, shotIndex), ShotCoverageQuery.Gap.MissingKeyFrame, cancellationToken);

    /// <summary>
    /// Sets only <c>video_file_path</c> (null clears it; updated_at follows through the trigger) and returns the
    /// refreshed row; a clear error naming story, scenelet and shot when there is no such shot.
    /// </summary>
    public Task<ShotRecord> UpdateShotVideoPathAsync(Guid storyId, string sceneletId, int shotIndex, string? videoFilePath, CancellationToken cancellationToken)
    {
        var scope = new ShotScope(storyId, sceneletId, shotIndex).Validated();
        return _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    $"""
                    update public.shots set video_file_path = @path
                    where story_id = @story and scenelet_id = @scenelet and shot_index = @shot
                    returning {ShotCoverageQuery.ShotColumns}
                    """,
                    connection);
                command.Parameters.Add(new NpgsqlParameter<string?>("path", NpgsqlDbType.Text) { TypedValue = videoFilePath });
                command.Parameters.AddWithValue("story", scope.StoryId);
                command.Parameters.AddWithValue("scenelet", sceneletId);
                command.Parameters.AddWithValue("shot", shotIndex);
                var updated = await command.ReadAllAsync(ReadShot, cancellationToken).ConfigureAwait(false);
                return updated.Count == 1 ? updated[0] : throw ShotVideoErrors.ShotNotFound(new ShotKey(storyId, sceneletId, shotIndex), "the clip path was not recorded");
            },
            cancellationToken);
    }

    /// <summary>Per story counts of shots, key frames and clips; every story when <paramref name="storyIds"/> is null.</summary>
    public Task<IReadOnlyList<StoryCoverage>> GetCoverageAsync(IReadOnlyCollection<Guid>? storyIds, CancellationToken cancellationToken) =>
        _database.RunAsync<IReadOnlyList<StoryCoverage>>(
            async connection =>
            {
                await using var command = ShotCoverageQuery.BuildStoryCoverage(connection, storyIds);
                return await command.ReadAllAsync(
                    reader => new StoryCoverage(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)),
                    cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>Inserts shots in one batch and returns the stored rows in the order given.</summary>
    public Task<IReadOnlyList<ShotRecord>> CreateShotsAsync(IReadOnlyList<NewShot> shots, CancellationToken cancellationToken) =>
        _database.RunAsync<IReadOnlyList<ShotRecord>>(
            async connection =>
            {
                await using var batch = new NpgsqlBatch(connection);
                foreach (var shot in shots)
                {
                    var insert = new NpgsqlBatchCommand(
                        $"""
                        insert into public.shots (story_id, scenelet_ref, scenelet_id, scenelet_sequence, shot_index,
                                                  storyboard_payload, key_frame_image_path, audio_file_path, video_file_path)
                        values (@story, @ref, @scenelet, @sequence, @shot, @payload, @keyframe, @audio, @video)
                        returning {ShotCoverageQuery.ShotColumns}
                        """);
                    insert.Parameters.AddWithValue("story", shot.StoryId);
                    insert.Parameters.AddWithValue("ref", shot.SceneletRef);
                    insert.Parameters.AddWithValue("scenelet", shot.SceneletId);
                    insert.Parameters.AddWithValue("sequence", shot.SceneletSequence);
                    insert.Parameters.AddWithValue("shot", shot.ShotIndex);
                    insert.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = shot.StoryboardPayloadJson });
                    insert.Parameters.Add(new NpgsqlParameter<string?>("keyframe", NpgsqlDbType.Text) { TypedValue = shot.KeyFrameImagePath });
                    insert.Parameters.Add(new NpgsqlParameter<string?>("audio", NpgsqlDbType.Text) { TypedValue = shot.AudioFilePath });
                    insert.Parameters.Add(new NpgsqlParameter<string?>("video", NpgsqlDbType.Text) { TypedValue = shot.VideoFilePath });
                    batch.BatchCommands.Add(insert);
                }

                var created = new List<ShotRecord>(shots.Count);
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                do
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        created.Add(ReadShot(reader));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

                return created;
            },
            cancellationToken);

    private Task<IReadOnlyList<ShotRecord>> QueryAsync(ShotScope scope, ShotCoverageQuery.Gap gap, CancellationToken cancellationToken)
    {
        var validated = scope.Validated();
        return _database.RunAsync(
            async connection =>
            {
                await using var command = ShotCoverageQuery.BuildShotCoverage(connection, validated, gap);
                return await command.ReadAllAsync(ReadShot, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>
    /// Checks in one round trip that the story exists and, when given, that it has the scenelet and the shot index:
    /// a query that found no shots then says what is missing instead of answering with nothing.
    /// </summary>
    /// <exception cref="ShotVideoException">ShotVideoStoryNotFound, or ShotVideoShotNotFound naming the missing scenelet or shot.</exception>
    public async Task EnsureExistsAsync(Guid storyId, string? sceneletId, int? shotIndex, CancellationToken cancellationToken)
    {
        var scope = new ShotScope(storyId, sceneletId, shotIndex).Validated();
        var (story, scenelet, shot) = await _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    select exists (select 1 from public.stories where id = @story),
                           exists (select 1 from public.shots where story_id = @story
                                   and (@scenelet::text is null or scenelet_id = @scenelet)),
                           exists (select 1 from public.shots where story_id = @story
                                   and (@scenelet::text is null or scenelet_id = @scenelet)
                                   and (@shot::integer is null or shot_index = @shot))
                    """,
                    connection);
                command.Parameters.AddWithValue("story", scope.StoryId);
                command.Parameters.Add(new NpgsqlParameter<string?>("scenelet", NpgsqlDbType.Text) { TypedValue = scope.SceneletId });
                command.Parameters.Add(new NpgsqlParameter<int?>("shot", NpgsqlDbType.Integer) { TypedValue = scope.ShotIndex });
                var rows = await command.ReadAllAsync(reader => (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2)), cancellationToken).ConfigureAwait(false);
                return rows[0];
            },
            cancellationToken).ConfigureAwait(false);

        if (!story)
        {
            throw ShotVideoErrors.StoryNotFound(storyId, _database.Settings.ToString());
        }

        if (!scenelet)
        {
            throw ShotVideoErrors.ShotNotFound(storyId, $"scenelet {sceneletId}");
        }

        if (!shot)
        {
            throw ShotVideoErrors.ShotNotFound(
                storyId,
                sceneletId is null
                    ? string.Create(CultureInfo.InvariantCulture, $"shot {shotIndex} in any scenelet")
                    : string.Create(CultureInfo.InvariantCulture, $"shot {shotIndex} in scenelet {sceneletId}"));
        }
    }

    internal static ShotRecord ReadShot(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetGuid(2),
        reader.GetString(3),
        reader.GetInt32(4),
        reader.GetInt32(5),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.GetFieldValue<DateTimeOffset>(10),
        reader.GetFieldValue<DateTimeOffset>(11))
    {
        // Only the shot queries join the story (see ShotCoverageQuery.BuildShotCoverage).
        StoryName = reader.FieldCount > 12 && !reader.IsDBNull(12) ? reader.GetString(12) : null,
    };
}
