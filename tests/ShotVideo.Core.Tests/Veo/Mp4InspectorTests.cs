using System.Buffers.Binary;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Veo;

namespace ShotVideo.Tests.Veo;

public sealed class Mp4InspectorTests
{
    private static readonly Mp4Facts StubFacts = new("isom", TimeSpan.FromSeconds(8), 1920, 1080, false);

    private static byte[] AudioClipBytes() =>
        File.ReadAllBytes(Path.Combine(Support.RepositoryPaths.Root, "fixtures", "videos", "with-audio.mp4"));

    private static Mp4Inspection Examine(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return Mp4Inspector.Examine(stream, bytes.Length);
    }

    [Fact]
    public void Reads_the_stub_clips_container_duration_size_and_silence()
    {
        using var clip = new MemoryStream(VeoTestKit.StubClipBytes());
        Assert.Equal(StubFacts, Mp4Inspector.Inspect(clip, "the stub"));
    }

    [Fact]
    public void The_whole_stub_clip_examines_as_usable()
    {
        var inspection = Examine(VeoTestKit.StubClipBytes());

        Assert.True(inspection.IsUsable);
        Assert.Null(inspection.Problem);
        Assert.Equal(StubFacts, inspection.Facts);
    }

    [Fact]
    public void Detects_an_audio_track()
    {
        using var clip = new MemoryStream(AudioClipBytes());
        Assert.Equal(new Mp4Facts("isom", TimeSpan.FromSeconds(1), 160, 90, true), Mp4Inspector.Inspect(clip, "the audio fixture"));
    }

    [Fact]
    public void Reads_from_the_current_position()
    {
        var bytes = VeoTestKit.StubClipBytes();
        using var stream = new MemoryStream();
        stream.Write(new byte[100]);
        stream.Write(bytes);
        stream.Position = 100;
        Assert.Equal(StubFacts, Mp4Inspector.Inspect(stream, "offset clip"));
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(1, 2)]
    [InlineData(1, 10)]
    public void A_clip_cut_off_after_its_movie_box_is_incomplete(int numerator, int denominator)
    {
        var whole = VeoTestKit.StubClipBytes();
        var cut = whole[..(whole.Length * numerator / denominator)];

        var inspection = Examine(cut);

        Assert.False(inspection.IsUsable);
        Assert.Equal(Mp4ProblemKind.Incomplete, inspection.Problem);
        Assert.Contains("'mdat'", inspection.Reason);
    }

    [Fact]
    public void A_clip_cut_inside_the_file_type_box_does_not_start_like_an_MP4_and_one_cut_after_it_has_no_movie()
    {
        var whole = VeoTestKit.StubClipBytes();

        Assert.Equal(Mp4ProblemKind.NotMp4, Examine(whole[..6]).Problem);
        Assert.Equal(Mp4ProblemKind.Incomplete, Examine(whole[..40]).Problem); // ftyp and the start of moov
    }

    public static TheoryData<string, byte[]> Trailers() => new()
    {
        { "zeros", new byte[100] },
        { "text", "trailing garbage after the clip"u8.ToArray() },
        { "four bytes", [1, 2, 3, 4] },
        { "a second clip", VeoTestKit.StubClipBytes() },
    };

    [Theory]
    [MemberData(nameof(Trailers))]
    public void Bytes_after_the_last_box_make_it_incomplete(string _, byte[] trailer)
    {
        var inspection = Examine([.. VeoTestKit.StubClipBytes(), .. trailer]);

        Assert.Equal(Mp4ProblemKind.Incomplete, inspection.Problem);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("json")]
    [InlineData("empty")]
    public void What_does_not_start_like_an_MP4_is_not_one(string kind)
    {
        byte[] bytes = kind switch
        {
            "html" => "<!DOCTYPE html><html><body>Error 502</body></html>"u8.ToArray(),
            "json" => """{"error":{"code":500}}"""u8.ToArray(),
            _ => [],
        };

        Assert.Equal(Mp4ProblemKind.NotMp4, Examine(bytes).Problem);
        using var stream = new MemoryStream(bytes);
        var error = Assert.Throws<ShotVideoException>(() => Mp4Inspector.Inspect(stream, "operation 'x'"));
        Assert.Equal("ShotVideoNotMp4", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.InvalidData, error.Kind);
    }

    [Fact]
    public void Inspect_throws_the_incomplete_error_for_a_cut_clip()
    {
        var whole = VeoTestKit.StubClipBytes();
        using var stream = new MemoryStream(whole[..(whole.Length / 2)]);

        var error = Assert.Throws<ShotVideoException>(() => Mp4Inspector.Inspect(stream, "operation 'x'"));

        Assert.Equal("ShotVideoIncompleteMp4", error.ErrorId);
        Assert.Equal(ShotVideoErrorKind.InvalidData, error.Kind);
    }

    [Fact]
    public async Task A_padded_clip_from_the_fake_is_usable()
    {
        using var stream = new MemoryStream();
        await FakeVeoClip.Padded(VeoTestKit.StubClipBytes().Length + 100_000).WriteToAsync(stream, CancellationToken.None);
        stream.Position = 0;

        Assert.Equal(StubFacts, Mp4Inspector.Examine(stream, stream.Length).Facts);
    }

    [Fact]
    public void A_clip_whose_only_track_is_not_video_has_no_video_track()
    {
        var bytes = AudioClipBytes();
        int handler = HandlerOffset(bytes, "vide");
        "soun"u8.CopyTo(bytes.AsSpan(handler));

        var inspection = Examine(bytes);

        Assert.Equal(Mp4ProblemKind.NoVideoTrack, inspection.Problem);
        using var stream = new MemoryStream(bytes);
        Assert.Equal("ShotVideoNotMp4", Assert.Throws<ShotVideoException>(() => Mp4Inspector.Inspect(stream, "x")).ErrorId);
    }

    [Fact]
    public void A_box_with_a_64_bit_size_counts_with_its_largesize()
    {
        const int padding = 1000;
        var box = new byte[16 + padding];
        BinaryPrimitives.WriteUInt32BigEndian(box, 1);
        "free"u8.CopyTo(box.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(box.AsSpan(8), (ulong)box.Length);
        byte[] clip = [.. VeoTestKit.StubClipBytes(), .. box];

        Assert.Equal(StubFacts, Examine(clip).Facts);
        Assert.Equal(Mp4ProblemKind.Incomplete, Examine(clip[..^1]).Problem);
        BinaryPrimitives.WriteUInt64BigEndian(clip.AsSpan(clip.Length - box.Length + 8), 8); // smaller than its own header
        Assert.Equal(Mp4ProblemKind.Incomplete, Examine(clip).Problem);
    }

    [Fact]
    public void A_last_box_of_size_zero_runs_to_the_end()
    {
        var bytes = VeoTestKit.StubClipBytes();
        int mdat = TopLevelOffset(bytes, "mdat");
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(mdat), 0);

        Assert.Equal(StubFacts, Examine(bytes).Facts);
        Assert.Equal(StubFacts, Examine([.. bytes, .. new byte[50]]).Facts); // the zeros belong to the mdat now
    }

    [Fact]
    public void A_matching_clip_has_no_mismatches()
    {
        Assert.Empty(Mp4Inspector.Mismatches(StubFacts, VeoTestKit.WithReferences(1)));
        Assert.Empty(Mp4Inspector.Mismatches(StubFacts with { Duration = TimeSpan.FromSeconds(8.4), Width = 1916 }, new VideoGenerationRequest("p")));
        Assert.Empty(Mp4Inspector.Mismatches(new Mp4Facts("isom", TimeSpan.FromSeconds(8), 720, 1280, true),
            new VideoGenerationRequest("p") { AspectRatio = "9:16", Resolution = "720p" }));
    }

    [Fact]
    public void Mismatches_name_length_aspect_and_resolution()
    {
        var request = new VideoGenerationRequest("p");

        Assert.Equal(["the clip is 2.5 s long, 8 s was asked"],
            Mp4Inspector.Mismatches(StubFacts with { Duration = TimeSpan.FromSeconds(2.5) }, request));
        Assert.Equal(["the clip is 1440x1080, 16:9 was asked"],
            Mp4Inspector.Mismatches(StubFacts with { Width = 1440 }, request));
        Assert.Equal(["the clip is 1280x720, 1080p (1080 lines) was asked"],
            Mp4Inspector.Mismatches(StubFacts with { Width = 1280, Height = 720 }, request));
        Assert.Equal(2, Mp4Inspector.Mismatches(new Mp4Facts("isom", TimeSpan.FromSeconds(1), 160, 90, true), request).Count);
    }

    /// <summary>Where the handler type of the track whose handler is <paramref name="handler"/> sits (12 bytes into the hdlr box's payload).</summary>
    private static int HandlerOffset(byte[] bytes, string handler)
    {
        var hdlr = "hdlr"u8.ToArray();
        for (int at = bytes.AsSpan().IndexOf(hdlr); at >= 0;)
        {
            int type = at + 12;
            if (System.Text.Encoding.ASCII.GetString(bytes, type, 4) == handler)
            {
                return type;
            }

            int next = bytes.AsSpan(at + 1).IndexOf(hdlr);
            at = next < 0 ? -1 : at + 1 + next;
        }

        throw new InvalidOperationException($"no '{handler}' handler");
    }

    private static int TopLevelOffset(byte[] bytes, string type)
    {
        for (int offset = 0; offset < bytes.Length; offset += (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset)))
        {
            if (System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4) == type)
            {
                return offset;
            }
        }

        throw new InvalidOperationException($"no top-level '{type}' box");
    }
}
