using Npgsql;
using NpgsqlTypes;

namespace ShotVideo.Database;

/// <summary>
/// The one definition of "a shot has a key frame / has a clip" (a non-blank path), shared by the missing-video and
/// missing-image look-ups and by coverage across stories, so they can never disagree.
/// </summary>
internal static class ShotCoverageQuery
{
    public const string HasKeyFrame = "(nullif(btrim(shots.key_frame_image_path), '') is not null)";
    public const string HasVideo = "(nullif(btrim(shots.video_file_path), '') is not null)";

    public const string ShotColumns =
        "shots.id, shots.story_id, shots.scenelet_ref, shots.scenelet_id, shots.scenelet_sequence, shots.shot_index, "
        + "shots.storyboard_payload::text, shots.key_frame_image_path, shots.audio_file_path, shots.video_file_path, "
        + "shots.created_at, shots.updated_at";

    /// <summary>Which shots of the scope to return.</summary>
    public enum Gap
    {
        None,
        MissingVideo,
        MissingKeyFrame,
    }

    /// <summary>One round trip: the scope's shots (optionally only those missing something), in story order, each with
    /// its story's display name after <see cref="ShotColumns"/>.</summary>
    public static NpgsqlCommand BuildShotCoverage(NpgsqlConnection connection, ShotScope scope, Gap gap)
    {
        var condition = gap switch
        {
            Gap.MissingVideo => $"and not {HasVideo}",
            Gap.MissingKeyFrame => $"and not {HasKeyFrame}",
            _ => string.Empty,
        };
        var command = new NpgsqlCommand(
            $"""
            select {ShotColumns}, (select stories.display_name from public.stories where stories.id = shots.story_id)
            from public.shots
            where shots.story_id = @story
              and (@scenelet::text is null or shots.scenelet_id = @scenelet)
              and (@shot::integer is null or shots.shot_index = @shot)
              {condition}
            order by shots.scenelet_sequence, shots.shot_index
            """,
            connection);
        command.Parameters.AddWithValue("story", scope.StoryId);
        command.Parameters.Add(new NpgsqlParameter<string?>("scenelet", NpgsqlDbType.Text) { TypedValue = scope.SceneletId });
        command.Parameters.Add(new NpgsqlParameter<int?>("shot", NpgsqlDbType.Integer) { TypedValue = scope.ShotIndex });
        return command;
    }

    /// <summary>Per story: total shots, with key frame, with clip, missing clip. All stories when <paramref name="storyIds"/> is null.</summary>
    public static NpgsqlCommand BuildStoryCoverage(NpgsqlConnection connection, IReadOnlyCollection<Guid>? storyIds)
    {
        var command = new NpgsqlCommand(
            $"""
            select stories.id, stories.display_name,
                   count(shots.id)::integer,
                   (count(shots.id) filter (where {HasKeyFrame}))::integer,
                   (count(shots.id) filter (where {HasVideo}))::integer,
                   (count(shots.id) filter (where not {HasVideo}))::integer
            from public.stories
            left join public.shots on shots.story_id = stories.id
            where @ids::uuid[] is null or stories.id = any(@ids)
            group by stories.id, stories.display_name, stories.display_name_upper
            order by stories.display_name_upper, stories.id
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid)
        {
            Value = storyIds is null ? DBNull.Value : storyIds.ToArray(),
        });
        return command;
    }
}
