using System.Text;
using ShotVideo.Prompting;
using ShotVideo.References;
using ShotVideo.Tests.Storage;
using ShotVideo.Veo;
using static ShotVideo.Tests.Prompting.PromptFixtures;

namespace ShotVideo.Tests.References;

public sealed class ReferenceImageSelectorTests : IDisposable
{
    private const string KeyFrame = "s/shots/scenelet-1/shot-2_key_frame.png";

    private readonly TempFolder publicRoot = new();

    public ReferenceImageSelectorTests()
    {
        foreach (var name in new[] { "rhea", "milo", "zed" })
        {
            TestImages.Write(publicRoot.Path, $"s/characters/{name}.png", TestImages.Png(name));
        }

        TestImages.Write(publicRoot.Path, "s/environments/dock.png", TestImages.Png("dock"));
        TestImages.Write(publicRoot.Path, "s/environments/harbor.jpg", TestImages.Jpeg("harbor"));
        TestImages.Write(publicRoot.Path, KeyFrame, TestImages.Png("key frame"));
    }

    public void Dispose() => publicRoot.Dispose();

    private Task<ReferenceSelection> Select(
        (string Id, string? ImagePath)[] characters,
        (string Id, string? ImagePath)[] environments,
        string? keyFrame = KeyFrame,
        bool includeKeyFrame = true,
        bool allowMissing = false,
        bool camelCase = false)
    {
        var document = VisualDesignDocument.Parse(StoryId, Document(camelCase, characters, environments));
        var payload = StoryboardPayload.Parse(Shot(
            Payload(characters.Select(c => c.Id).ToArray(), environments.Select(e => e.Id).ToArray()),
            keyFrameImagePath: keyFrame));
        return Selector().SelectAsync(payload, document, includeKeyFrame, allowMissing, CancellationToken.None);
    }

    private ReferenceImageSelector Selector() => new(new ShotVideo.Storage.AssetRoot(publicRoot.Path), new ReferenceImageFiles(publicRoot.Path));

    private static string Marker(VideoReferenceImage image) => TestImages.MarkerOf(image.Bytes);

    private static IEnumerable<PlannedReference> Sent(ReferenceSelection selection) => selection.References.Where(r => r.Sent);

    private static IEnumerable<string> NotSent(ReferenceSelection selection) => selection.References.Where(r => !r.Sent).Select(r => $"{r.SourceId}: {r.NotSentReason}");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Characters_then_environments_then_the_key_frame(bool camelCase)
    {
        var selection = await Select(
            [("rhea", "s/characters/rhea.png")], [("harbor", "s/environments/harbor.jpg")], camelCase: camelCase);

        Assert.Equal(
            [
                (ReferenceImageKind.Character, "rhea", "s/characters/rhea.png"),
                (ReferenceImageKind.Environment, "harbor", "s/environments/harbor.jpg"),
                (ReferenceImageKind.KeyFrame, "scenelet-1#2", KeyFrame),
            ],
            Sent(selection).Select(c => (c.Kind, c.SourceId, c.Path)));
        Assert.Equal(["rhea", "harbor", "key frame"], selection.Images.Select(Marker));
        Assert.Equal(["image/png", "image/jpeg", "image/png"], selection.Images.Select(i => i.MimeType));
        Assert.Equal(["image/png", "image/jpeg", "image/png"], Sent(selection).Select(r => r.MimeType));
        Assert.All(Sent(selection), r => Assert.Equal(64, r.Sha256!.Length));
        Assert.Empty(selection.Warnings);
    }

    [Fact]
    public async Task Characters_follow_the_shot_s_referenced_order_and_images_past_the_cap_are_listed_as_not_sent()
    {
        var selection = await Select(
            [("zed", "s/characters/zed.png"), ("rhea", "s/characters/rhea.png"), ("milo", "s/characters/milo.png")],
            [("dock", "s/environments/dock.png")]);

        Assert.Equal(["zed", "rhea", "milo"], Sent(selection).Select(c => c.SourceId));
        Assert.Equal(["zed", "rhea", "milo"], selection.Images.Select(Marker));
        Assert.Equal(
            ["dock: Veo takes at most 3 reference images and 3 come first", "scenelet-1#2: Veo takes at most 3 reference images and 3 come first"],
            NotSent(selection));
    }

    [Fact]
    public async Task The_same_file_is_used_once_even_when_spelled_with_a_leading_generated_folder()
    {
        var selection = await Select(
            [("rhea", "s/characters/rhea.png"), ("rhea-twin", "generated/s/characters/rhea.png")],
            [("dock", "s/environments/dock.png"), ("shot-set", "generated/" + KeyFrame)]);

        Assert.Equal(["rhea", "dock", "shot-set"], Sent(selection).Select(c => c.SourceId));
        Assert.Equal(["rhea", "dock", "key frame"], selection.Images.Select(Marker));
        Assert.Equal(
            ["rhea-twin: the same file as the model sheet of character 'rhea'", "scenelet-1#2: the same file as the reference image of environment 'shot-set'"],
            NotSent(selection));
    }

    [Fact]
    public async Task The_key_frame_can_be_switched_off()
    {
        var selection = await Select([("rhea", "s/characters/rhea.png")], [], includeKeyFrame: false);

        Assert.Equal([ReferenceImageKind.Character], selection.References.Select(c => c.Kind));
    }

    [Fact]
    public async Task Fewer_than_three_is_fine_and_a_shot_without_a_key_frame_has_no_key_frame_choice()
    {
        var selection = await Select([], [("dock", "s/environments/dock.png")], keyFrame: null);

        Assert.Equal(["dock"], selection.References.Select(c => c.SourceId));
        Assert.Empty(selection.Warnings);
    }

    [Fact]
    public async Task A_design_without_an_image_yet_refuses_the_shot_naming_the_design_and_the_step_that_makes_it()
    {
        var character = await Assert.ThrowsAsync<ShotVideoException>(() => Select([("rhea", ""), ("zed", "s/characters/zed.png")], [], keyFrame: null));
        var environment = await Assert.ThrowsAsync<ShotVideoException>(() => Select([], [("dock", " ")], keyFrame: null));

        Assert.Equal(("ShotVideoDesignImageMissing", new ShotKey(StoryId, "scenelet-1", 2)), (character.ErrorId, character.Shot));
        Assert.Contains("character 'rhea'", character.Reason);
        Assert.Contains("character model sheets", character.RecommendedAction);
        Assert.Contains("-AllowMissingReferences", character.RecommendedAction);
        Assert.Contains("environment 'dock'", environment.Reason);
        Assert.Contains("environment references", environment.RecommendedAction);
    }

    [Fact]
    public async Task Allowing_missing_references_generates_without_them_with_a_warning_each()
    {
        var selection = await Select(
            [("rhea", ""), ("milo", null), ("zed", "s/characters/zed.png")], [("dock", " ")], keyFrame: null, allowMissing: true);

        Assert.Equal(["zed"], Sent(selection).Select(c => c.SourceId));
        Assert.Equal(["rhea: no image made yet", "milo: no image made yet", "dock: no image made yet"], NotSent(selection));
        Assert.Equal(3, selection.Warnings.Count);
        Assert.All(selection.Warnings, w => Assert.Contains("not made yet", w));
    }

    [Fact]
    public async Task A_design_whose_image_path_key_is_absent_has_no_image_yet()
    {
        const string document = """
            {"global_aesthetic":{"visual_style":"a","master_color_palette":"b"},"character_designs":[{"character_id":"rhea"}]}
            """;
        var payload = StoryboardPayload.Parse(Shot(Payload(["rhea"], [])));

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => Selector().SelectAsync(
            payload, VisualDesignDocument.Parse(StoryId, document), includeKeyFrame: true, allowMissing: false, CancellationToken.None));

        Assert.Equal("ShotVideoDesignImageMissing", error.ErrorId);
    }

    [Fact]
    public async Task A_missing_key_frame_file_is_a_warning_and_listed_as_not_sent()
    {
        var selection = await Select([("rhea", "s/characters/rhea.png")], [], keyFrame: "s/shots/scenelet-1/nope.png");

        Assert.Equal(["rhea"], Sent(selection).Select(c => c.SourceId));
        Assert.Equal(["scenelet-1#2: its file is missing"], NotSent(selection));
        Assert.Single(selection.Images);
        var warning = Assert.Single(selection.Warnings);
        Assert.Contains("key frame", warning);
        Assert.Contains("does not exist", warning);
        Assert.Contains("Generating without it.", warning);
    }

    public static TheoryData<string, byte[]?, string> BrokenFiles => new()
    {
        { "s/characters/ghost.png", null, "ShotVideoReferenceImageMissing" },
        { "s/characters/notes.png", Encoding.ASCII.GetBytes("just some text, not an image"), "ShotVideoReferenceImageNotImage" },
        { "s/characters/empty.png", [], "ShotVideoReferenceImageNotImage" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_set_path_to_a_bad_file_refuses_the_shot(string path, byte[]? content, string errorId)
    {
        if (content is not null)
        {
            TestImages.Write(publicRoot.Path, path, content);
        }

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => Select([("rhea", "s/characters/rhea.png"), ("ghost", path)], []));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Contains("character 'ghost'", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Equal(new ShotKey(StoryId, "scenelet-1", 2), error.Shot);
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_set_path_to_a_bad_file_is_left_out_with_a_warning_when_missing_references_are_allowed(string path, byte[]? content, string errorId)
    {
        if (content is not null)
        {
            TestImages.Write(publicRoot.Path, path, content);
        }

        var selection = await Select([("rhea", "s/characters/rhea.png"), ("ghost", path)], [], allowMissing: true);

        Assert.Equal(["rhea", "scenelet-1#2"], Sent(selection).Select(c => c.SourceId));
        Assert.Equal(2, selection.Images.Count);
        Assert.StartsWith("ghost: it cannot be used", Assert.Single(NotSent(selection)));
        Assert.Contains("character 'ghost'", Assert.Single(selection.Warnings));
        Assert.StartsWith("ShotVideoReferenceImage", errorId);
    }

    [Fact]
    public async Task A_folder_where_an_image_should_be_is_refused_as_unsafe()
    {
        Directory.CreateDirectory(Path.Combine(publicRoot.Path, "generated", "s", "characters", "folder.png"));

        var error = await Assert.ThrowsAsync<ShotVideoException>(
            () => Select([("rhea", "s/characters/folder.png")], []));

        Assert.Equal("ShotVideoReferenceImageUnsafe", error.ErrorId);
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_public_folder_refuses_the_shot_even_when_missing_references_are_allowed()
    {
        var outside = Path.Combine(Path.GetTempPath(), $"shotvideo-outside-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(outside, TestImages.Png("secret"));
        try
        {
            File.CreateSymbolicLink(Path.Combine(publicRoot.Path, "generated", "s", "characters", "link.png"), outside);

            var error = await Assert.ThrowsAsync<ShotVideoException>(
                () => Select([("rhea", "s/characters/link.png")], [], allowMissing: true));

            Assert.Equal(("ShotVideoReferenceImageUnsafe", ShotVideoErrorKind.SecurityError), (error.ErrorId, error.Kind));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Theory]
    [InlineData("../secret.png")]
    [InlineData("s/../../secret.png")]
    [InlineData("generated/../secret.png")]
    [InlineData("/etc/passwd")]
    [InlineData("s\\characters\\rhea.png")]
    [InlineData("..\\secret.png")]
    [InlineData("s//characters/rhea.png")]
    [InlineData("s/./characters/rhea.png")]
    [InlineData("C:/secret.png")]
    [InlineData("s/characters/")]
    public async Task A_path_leaving_the_asset_folder_is_always_an_error(string path)
    {
        foreach (var allowMissing in new[] { true, false })
        {
            var asCharacter = await Assert.ThrowsAsync<ShotVideoException>(
                () => Select([("rhea", path)], [], keyFrame: null, allowMissing: allowMissing));
            var asKeyFrame = await Assert.ThrowsAsync<ShotVideoException>(
                () => Select([], [], keyFrame: path, allowMissing: allowMissing));

            Assert.Equal("ShotVideoUnsafePath", asCharacter.ErrorId);
            Assert.Equal(ShotVideoErrorKind.SecurityError, asCharacter.Kind);
            Assert.Contains("character 'rhea'", asCharacter.Message);
            Assert.Equal(new ShotKey(StoryId, "scenelet-1", 2), asCharacter.Shot);
            Assert.Equal("ShotVideoUnsafePath", asKeyFrame.ErrorId);
            Assert.Equal(new ShotKey(StoryId, "scenelet-1", 2), asKeyFrame.Shot);
        }
    }

    [Fact]
    public async Task An_escaping_path_past_the_cap_is_still_an_error()
    {
        var error = await Assert.ThrowsAsync<ShotVideoException>(() => Select(
            [("zed", "s/characters/zed.png"), ("rhea", "s/characters/rhea.png"), ("milo", "s/characters/milo.png")],
            [("dock", "../../dock.png")]));

        Assert.Equal("ShotVideoUnsafePath", error.ErrorId);
    }

    [Fact]
    public async Task A_switched_off_key_frame_is_not_looked_at()
    {
        var selection = await Select([], [], keyFrame: "../escape.png", includeKeyFrame: false);

        Assert.Empty(selection.References);
    }

    [Fact]
    public async Task Unknown_design_ids_are_an_error()
    {
        var document = VisualDesignDocument.Parse(StoryId, Document(false, [("rhea", "s/characters/rhea.png")], []));
        var payload = StoryboardPayload.Parse(Shot(Payload(["rhea", "ghost"], ["void"])));

        var error = await Assert.ThrowsAsync<ShotVideoException>(() => Selector()
            .SelectAsync(payload, document, includeKeyFrame: true, allowMissing: true, CancellationToken.None));

        Assert.Equal("ShotVideoUnknownDesignIds", error.ErrorId);
        Assert.Contains("'ghost'", error.Message);
        Assert.Contains("'void'", error.Message);
    }
}
