using Npgsql;
using NpgsqlTypes;

namespace ShotVideo.Database;

/// <summary>Reads stories (and inserts them for fixtures and tests).</summary>
public sealed class StoryRepository
{
    private readonly StoryDatabase _database;

    internal StoryRepository(StoryDatabase database) => _database = database;

    /// <summary>One story with its visual design document as stored; a clear error when there is no such story.</summary>
    public Task<StoryRecord> GetStoryAsync(Guid storyId, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    "select id, display_name, visual_design_document::text from public.stories where id = @id", connection);
                command.Parameters.AddWithValue("id", storyId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw ShotVideoErrors.StoryNotFound(storyId, _database.Settings.ToString());
                }

                return new StoryRecord(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            },
            cancellationToken);

    /// <summary>Whether the story exists, without reading it.</summary>
    public Task<bool> ExistsAsync(Guid storyId, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("select exists (select 1 from public.stories where id = @id)", connection);
                command.Parameters.AddWithValue("id", storyId);
                return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken);

    /// <summary>Every story's id and name, ordered by name.</summary>
    public Task<IReadOnlyList<StorySummary>> ListStoriesAsync(CancellationToken cancellationToken) =>
        _database.RunAsync<IReadOnlyList<StorySummary>>(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    "select id, display_name from public.stories order by display_name_upper, id", connection);
                return await command.ReadAllAsync(reader => new StorySummary(reader.GetGuid(0), reader.GetString(1)), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>Inserts a story and returns its id.</summary>
    public Task<Guid> CreateStoryAsync(NewStory story, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    insert into public.stories (id, display_name, initial_prompt, visual_design_document)
                    values (coalesce(@id, gen_random_uuid()), @name, @prompt, @document)
                    returning id
                    """,
                    connection);
                command.Parameters.Add(new NpgsqlParameter<Guid?>("id", NpgsqlDbType.Uuid) { TypedValue = story.Id });
                command.Parameters.AddWithValue("name", story.DisplayName);
                command.Parameters.AddWithValue("prompt", story.InitialPrompt);
                command.Parameters.Add(new NpgsqlParameter("document", NpgsqlDbType.Jsonb) { Value = (object?)story.VisualDesignDocumentJson ?? DBNull.Value });
                return (Guid)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken);

    /// <summary>Inserts a scenelet and returns its id.</summary>
    public Task<Guid> CreateSceneletAsync(NewScenelet scenelet, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    insert into public.scenelets (id, story_id, parent_id, content, choice_label_from_parent)
                    values (coalesce(@id, gen_random_uuid()), @story, @parent, @content, @label)
                    returning id
                    """,
                    connection);
                command.Parameters.Add(new NpgsqlParameter<Guid?>("id", NpgsqlDbType.Uuid) { TypedValue = scenelet.Id });
                command.Parameters.AddWithValue("story", scenelet.StoryId);
                command.Parameters.Add(new NpgsqlParameter<Guid?>("parent", NpgsqlDbType.Uuid) { TypedValue = scenelet.ParentId });
                command.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Jsonb) { Value = scenelet.ContentJson });
                command.Parameters.Add(new NpgsqlParameter<string?>("label", NpgsqlDbType.Text) { TypedValue = scenelet.ChoiceLabelFromParent });
                return (Guid)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken);

    /// <summary>Deletes a story with its scenelets and shots (on delete cascade); used to undo a failed load.</summary>
    public Task<bool> DeleteStoryAsync(Guid storyId, CancellationToken cancellationToken) =>
        _database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("delete from public.stories where id = @id", connection);
                command.Parameters.AddWithValue("id", storyId);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken);
}
