using ShotVideo.Storage;

namespace ShotVideo.Tests.Storage;

public sealed class ClipStoreTests : IDisposable
{
    private static readonly Guid StoryId = Guid.Parse("0b7e4c1a-9d2f-4a63-b5e8-7c1d2e3f4a5b");

    private readonly TempFolder publicRoot = new();
    private readonly ClipStore store;

    public ClipStoreTests() => store = new ClipStore(publicRoot.Path);

    public void Dispose() => publicRoot.Dispose();

    private string FinalFile => $"generated/{StoryId}/shots/scenelet-1/shot-3.mp4";

    [Fact]
    public void Locate_computes_the_stored_and_absolute_paths_without_touching_the_disk()
    {
        var location = store.Locate(new ShotKey(StoryId, "scenelet-1", 3));

        Assert.Equal("generated/0b7e4c1a-9d2f-4a63-b5e8-7c1d2e3f4a5b/shots/scenelet-1/shot-3.mp4", location.RelativePath);
        Assert.Equal(Path.Combine(publicRoot.Path, "generated", StoryId.ToString(), "shots", "scenelet-1", "shot-3.mp4"),
            location.AbsolutePath);
        Assert.Empty(Directory.EnumerateFileSystemEntries(publicRoot.Path));
        Assert.False(File.Exists(store.Locate(new ShotKey(StoryId, "scenelet-1", 3)).AbsolutePath));
    }

    [Fact]
    public async Task No_file_appears_under_the_final_name_until_commit()
    {
        await using var clip = store.Open(store.Locate(new ShotKey(StoryId, "scenelet-1", 3)));
        await clip.Stream.WriteAsync("first half "u8.ToArray());

        var whileWriting = publicRoot.Files();
        Assert.DoesNotContain(FinalFile, whileWriting);
        var temporary = Assert.Single(whileWriting);
        Assert.Equal(Path.GetDirectoryName(FinalFile)!.Replace('\\', '/'), Path.GetDirectoryName(temporary)!.Replace('\\', '/'));
        Assert.False(File.Exists(store.Locate(new ShotKey(StoryId, "scenelet-1", 3)).AbsolutePath));

        await clip.Stream.WriteAsync("second half"u8.ToArray());
        var stored = await clip.CommitAsync();

        Assert.Equal((FinalFile, null), (stored.Path, stored.KeptTake));
        Assert.Equal([FinalFile], publicRoot.Files());
        Assert.Equal("first half second half", await File.ReadAllTextAsync(Path.Combine(publicRoot.Path, FinalFile)));
        Assert.True(File.Exists(store.Locate(new ShotKey(StoryId, "scenelet-1", 3)).AbsolutePath));
    }

    [Fact]
    public async Task Disposing_without_commit_removes_the_temporary_file()
    {
        await using (var clip = store.Open(store.Locate(new ShotKey(StoryId, "scenelet-1", 3))))
        {
            await clip.Stream.WriteAsync(new byte[4096]);
        }

        using (var syncClip = store.Open(store.Locate(new ShotKey(StoryId, "scenelet-1", 3))))
        {
            syncClip.Stream.Write(new byte[10]);
        }

        Assert.Empty(publicRoot.Files());
    }

    [Fact]
    public async Task Commit_keeps_an_earlier_clip_as_the_next_take_which_stays_readable_until_then()
    {
        var final = Path.Combine(publicRoot.Path, FinalFile);
        var takes = $"generated/{StoryId}/shots/scenelet-1/takes";
        Directory.CreateDirectory(Path.Combine(publicRoot.Path, takes));
        await File.WriteAllTextAsync(final, "old clip");
        // Take 1 exists, so does a file that only looks like a take and another shot's take: neither is touched.
        await File.WriteAllTextAsync(Path.Combine(publicRoot.Path, takes, "shot-3-take-1.mp4"), "first take");
        await File.WriteAllTextAsync(Path.Combine(publicRoot.Path, takes, "shot-3-take-07.mp4"), "not a take name");
        await File.WriteAllTextAsync(Path.Combine(publicRoot.Path, takes, "shot-30-take-5.mp4"), "shot 30's take");

        await using var clip = store.Open(store.Locate(new ShotKey(StoryId, "scenelet-1", 3)));
        await clip.Stream.WriteAsync("new clip, longer than the old one"u8.ToArray());
        Assert.Equal("old clip", await File.ReadAllTextAsync(final));

        var stored = await clip.CommitAsync();

        Assert.Equal($"{takes}/shot-3-take-2.mp4", stored.KeptTake!.RelativePath);
        Assert.Equal("new clip, longer than the old one", await File.ReadAllTextAsync(final));
        Assert.Equal("old clip", await File.ReadAllTextAsync(stored.KeptTake.AbsolutePath));
        Assert.Equal(
            [0, 1, 2],
            store.Takes.List(new ShotKey(StoryId, "scenelet-1", 3)).Select(take => take.Take));
        Assert.Equal(
            [FinalFile, $"{takes}/shot-3-take-07.mp4", $"{takes}/shot-3-take-1.mp4", $"{takes}/shot-3-take-2.mp4", $"{takes}/shot-30-take-5.mp4"],
            publicRoot.Files().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_take_made_current_again_never_replaces_a_file()
    {
        var shot = new ShotKey(StoryId, "scenelet-1", 3);
        var current = store.Locate(shot);
        Directory.CreateDirectory(Path.GetDirectoryName(current.AbsolutePath)!);
        File.WriteAllText(current.AbsolutePath, "current");
        var take = store.Takes.KeepCurrent(current)!;
        File.WriteAllText(current.AbsolutePath, "appeared meanwhile");

        Assert.ThrowsAny<IOException>(() => TakeStore.MakeCurrent(take, current));

        Assert.Equal(("appeared meanwhile", "current"), (File.ReadAllText(current.AbsolutePath), File.ReadAllText(take.AbsolutePath)));
    }

    [Fact]
    public async Task A_cancelled_commit_leaves_neither_a_clip_nor_a_temporary_file()
    {
        await using (var clip = store.Open(store.Locate(new ShotKey(StoryId, "scenelet-1", 3))))
        {
            await clip.Stream.WriteAsync(new byte[100]);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clip.CommitAsync(new CancellationToken(canceled: true)));
        }

        Assert.Empty(publicRoot.Files());
    }

    [Fact]
    public async Task A_clip_is_committed_once()
    {
        await using var clip = store.Open(store.Locate(new ShotKey(StoryId, "scenelet-1", 3)));
        await clip.CommitAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => clip.CommitAsync());
        Assert.Equal([FinalFile], publicRoot.Files());
    }

    [Fact]
    public void FullPath_resolves_a_recorded_clip_under_the_public_folder_and_nothing_else()
    {
        Assert.Equal(Path.Combine(publicRoot.Path, "generated", "s", "shot-1.mp4"), store.FullPath("generated/s/shot-1.mp4"));
        Assert.Null(store.FullPath(null));
        Assert.Null(store.FullPath(" "));
        Assert.Null(store.FullPath("../outside.mp4"));
        Assert.Null(store.FullPath("/etc/passwd"));
    }

    [Fact]
    public async Task Two_shots_of_the_same_scenelet_are_written_side_by_side()
    {
        await using var first = store.Open(store.Locate(new ShotKey(StoryId, "scenelet-1", 1)));
        await using var second = store.Open(store.Locate(new ShotKey(StoryId, "scenelet-1", 2)));
        await second.Stream.WriteAsync("2"u8.ToArray());
        await first.Stream.WriteAsync("1"u8.ToArray());

        await second.CommitAsync();
        await first.CommitAsync();

        Assert.Equal(
            [$"generated/{StoryId}/shots/scenelet-1/shot-1.mp4", $"generated/{StoryId}/shots/scenelet-1/shot-2.mp4"],
            publicRoot.Files());
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("scenelet-1/../..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("..\\..\\x")]
    [InlineData("/etc")]
    [InlineData("C:")]
    [InlineData("scene\0let")]
    public void A_scenelet_id_that_could_leave_the_folder_is_rejected(string sceneletId)
    {
        var error = Assert.Throws<ShotVideoException>(() => store.Locate(new ShotKey(StoryId, sceneletId, 3)));

        Assert.Equal("ShotVideoUnsafePath", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.SecurityError, error.Kind);
        Assert.Equal(new ShotKey(StoryId, sceneletId, 3), error.Shot);
        Assert.Contains("scenelet id", error.Message);

        Assert.Empty(Directory.EnumerateFileSystemEntries(publicRoot.Path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_shot_index_below_one_is_refused(int shotIndex)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Locate(new ShotKey(StoryId, "scenelet-1", shotIndex)));
    }
}
