using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ShotVideo.References;
using ShotVideo.Review;

namespace ShotVideo.Tests.Review;

/// <summary>Review pages for the renderer tests, and the parsed documents the tests read.</summary>
internal static class ReviewPages
{
    public static readonly Guid StoryId = Guid.Parse("7b1d2c9e-4f3a-4e8b-9a61-2c5d8e0f1a37");

    public static readonly DateTimeOffset ReadAt = new(2026, 11, 29, 14, 3, 0, TimeSpan.Zero);

    public static string Story => StoryId.ToString("D");

    /// <summary>A clip path as <c>shots.video_file_path</c> stores it.</summary>
    public static PublicPath Clip(string sceneletId, int shot, string file = "") =>
        PublicPath.FromPublic($"generated/{Story}/shots/{sceneletId}/{(file.Length > 0 ? file : $"shot-{shot}.mp4")}", "test clip");

    /// <summary>A key frame path as <c>key_frame_image_path</c> stores it (relative to public/generated).</summary>
    public static PublicPath KeyFrame(string sceneletId, int shot) =>
        PublicPath.FromGenerated($"{Story}/shots/{sceneletId}/shot-{shot}_key_frame.png", "test key frame");

    public static ReviewShot Shot(
        int index,
        ReviewShotStatus status = ReviewShotStatus.NoClip,
        string sceneletId = "scenelet-1",
        string? reason = null,
        bool keyFrame = true,
        bool clip = false,
        IReadOnlyList<ReviewReference>? references = null,
        IReadOnlyList<ReviewClip>? takes = null,
        string? prompt = null,
        string? caption = null,
        string? model = null) =>
        new(
            index,
            status,
            reason,
            keyFrame ? KeyFrame(sceneletId, index) : null,
            clip ? new ReviewClip(Clip(sceneletId, index), 6075, TimeSpan.FromSeconds(8), 3.20m, model ?? "veo-3.1-generate-preview", ReadAt.AddHours(-1)) : null,
            references ?? [],
            clip ? 3.20m : 0m,
            clip ? 1 : 0,
            prompt,
            takes ?? [],
            caption);

    public static ReviewPage Page(string name, params ReviewScenelet[] scenelets) => new(StoryId, name, 9.60m, ReadAt, scenelets);

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The shot's article, found by its scenelet id and index (the data-shot attribute).</summary>
    public static IElement ShotArticle(IDocument document, string sceneletId, int index) =>
        document.QuerySelectorAll("article.shot").Single(article => article.GetAttribute("data-shot") == $"{sceneletId}#{index}");

    public static ReviewReference Reference(ReferenceImageKind kind, string sourceId, string generatedPath) =>
        new(kind, sourceId, PublicPath.FromGenerated(generatedPath, "test reference"));
}
