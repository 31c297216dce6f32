using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ShotVideo.References;

namespace ShotVideo.Review;

/// <summary>
/// Turns a <see cref="ReviewPage"/> into one self-contained HTML file: inline style and script, relative links only,
/// nothing fetched from the network. Every text from the database (storyboard, ids, reasons, prompts) is user or
/// model text, so each one is HTML-encoded where it is written, in element content and in attributes alike.
/// </summary>
internal static class ReviewPageRenderer
{
    private static readonly string Style = ReadResource("review.css");
    private static readonly string Script = ReadResource("review.js");

    // The page allows only its own inline style and script (by hash) and images and media of its own origin, so even
    // a text that escaped encoding could neither run nor call out.
    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; img-src 'self'; media-src 'self'; style-src '{Hash(Style)}'; script-src '{Hash(Script)}'; "
            + "base-uri 'none'; form-action 'none'";

    /// <summary>The page for a file in <paramref name="pageFolderRelativeToPublic"/>, e.g. <c>generated/&lt;story-id&gt;</c>.</summary>
    public static string Render(ReviewPage page, string pageFolderRelativeToPublic) =>
        Render(page, ReviewPageLocation.InPublicFolder(pageFolderRelativeToPublic));

    /// <summary>The page for a file at <paramref name="location"/>.</summary>
    public static string Render(ReviewPage page, ReviewPageLocation location)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(location);
        var scenelets = page.Scenelets.OrderBy(scenelet => scenelet.Sequence).ToList();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta http-equiv="Content-Security-Policy" content="{E(ContentSecurityPolicy)}">
            <meta name="referrer" content="no-referrer">
            <title>Review: {E(page.StoryName)}</title>
            <style>{Style}</style>
            </head>
            <body>
            <a class="skip" href="#story-player">Skip to the story player</a>
            <header class="page-header">
            <h1>{E(page.StoryName)}</h1>
            <p class="meta">Story <code>{page.StoryId:D}</code> · read {Time(page.GeneratedAt)}</p>
            <dl class="coverage">
            <div><dt>Shots</dt><dd data-fact="shots">{page.TotalShots}</dd></div>
            <div><dt>Key frames</dt><dd data-fact="key-frames">{page.ShotsWithKeyFrame}</dd></div>
            <div><dt>Clips</dt><dd data-fact="clips">{page.ShotsWithClip}</dd></div>
            <div><dt>Done</dt><dd data-fact="percent-done">{page.PercentDone:0.#} %</dd></div>
            <div><dt>Spent</dt><dd data-fact="spend">{Usd(page.TotalSpendUsd)}</dd></div>

            """);
        if (page.ShotsWithLostClip > 0)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<div class=\"lost\"><dt>Clips missing or broken</dt><dd data-fact=\"lost-clips\">{page.ShotsWithLostClip}</dd></div>\n");
        }

        html.Append("</dl>\n<nav class=\"toc\" aria-label=\"Scenelets\"><ol>\n");
        foreach (var scenelet in scenelets)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<li><a href=\"#{SceneletAnchor(scenelet)}\">{E(scenelet.SceneletId)}</a> ({Count(scenelet.Shots.Count, "shot")})</li>\n");
        }

        html.Append("</ol></nav>\n</header>\n<main>\n");
        html.Append("<section class=\"animatic\" aria-labelledby=\"story-player-title\">\n");
        html.Append("<h2 id=\"story-player-title\">Whole story</h2>\n");
        AppendPlayer(html, location, "story-player", "the whole story",
            scenelets.SelectMany(scenelet => Shots(scenelet).Select(shot => (scenelet, shot))).ToList());
        html.Append("</section>\n");

        foreach (var scenelet in scenelets)
        {
            AppendScenelet(html, location, scenelet);
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            </main>
            <footer class="page-footer">Made by ShotVideo from the story database at {Time(page.GeneratedAt)}.</footer>
            <script>{Script}</script>
            </body>
            </html>

            """);
        return html.ToString();
    }

    private static void AppendScenelet(StringBuilder html, ReviewPageLocation location, ReviewScenelet scenelet)
    {
        var anchor = SceneletAnchor(scenelet);
        html.Append(CultureInfo.InvariantCulture, $"""
            <section class="scenelet" id="{anchor}" data-scenelet-id="{E(scenelet.SceneletId)}" aria-labelledby="{anchor}-title">
            <h2 id="{anchor}-title">Scenelet {scenelet.Sequence}: {E(scenelet.SceneletId)}</h2>

            """);
        AppendPlayer(html, location, $"{anchor}-player", E(scenelet.SceneletId), [.. Shots(scenelet).Select(shot => (scenelet, shot))]);
        html.Append("<div class=\"shots\">\n");
        foreach (var shot in Shots(scenelet))
        {
            AppendShot(html, location, scenelet, shot);
        }

        html.Append("</div>\n</section>\n");
    }

    /// <summary>An animatic player over the playable clips of <paramref name="shots"/>, in order.</summary>
    /// <param name="encodedName">What it plays, already HTML-encoded, for button labels.</param>
    private static void AppendPlayer(
        StringBuilder html, ReviewPageLocation location, string id, string encodedName, IReadOnlyList<(ReviewScenelet Scenelet, ReviewShot Shot)> shots)
    {
        var clips = shots.Where(item => item.Shot.PlayableClip is not null).ToList();
        if (clips.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"empty\" id=\"{id}\">No clips to play yet.</p>\n");
            return;
        }

        var firstShot = clips[0].Shot;
        var known = clips.Select(item => item.Shot.PlayableClip!.Duration).Where(duration => duration is not null).ToList();
        var length = known.Count == clips.Count ? $", {Seconds(known.Aggregate(TimeSpan.Zero, (sum, next) => sum + next!.Value))}" : "";
        html.Append(CultureInfo.InvariantCulture, $"""
            <div class="player" id="{id}" data-player data-current="0">
            <video class="player-video" controls preload="metadata" playsinline src="{Url(location, firstShot.PlayableClip!.Path)}"{Poster(location, firstShot)} aria-label="Animatic of {encodedName}"></video>
            <div class="player-side">
            <div class="player-buttons">
            <button type="button" data-action="play" aria-label="Play {encodedName} from the first clip">Play all</button>
            <button type="button" data-action="previous" aria-label="Previous clip of {encodedName}">Previous</button>
            <button type="button" data-action="next" aria-label="Next clip of {encodedName}">Next</button>
            </div>
            <p class="player-status" data-player-status aria-live="polite">{Count(clips.Count, "clip")}{length}</p>
            <ol class="playlist" aria-label="Clips of {encodedName}">

            """);
        for (var i = 0; i < clips.Count; i++)
        {
            var (scenelet, shot) = clips[i];
            var label = E(ShotLabel(scenelet, shot));
            // The player starts on the first clip; the script moves the mark as it plays.
            var current = i == 0 ? " aria-current=\"true\"" : "";
            var poster = shot.KeyFrame is null ? "" : $" data-poster=\"{Url(location, shot.KeyFrame)}\"";
            html.Append(CultureInfo.InvariantCulture,
                $"<li><button type=\"button\" data-clip-src=\"{Url(location, shot.PlayableClip!.Path)}\"{poster} data-label=\"{label}\"{current}>{label}</button></li>\n");
        }

        html.Append("</ol>\n</div>\n</div>\n");
    }

    private static void AppendShot(StringBuilder html, ReviewPageLocation location, ReviewScenelet scenelet, ReviewShot shot)
    {
        var anchor = $"shot-{scenelet.Sequence}-{shot.ShotIndex}";
        var label = E(ShotLabel(scenelet, shot));
        var status = StatusClass(shot.Status);
        html.Append(CultureInfo.InvariantCulture, $"""
            <article class="shot" id="{anchor}" data-shot="{E($"{scenelet.SceneletId}#{shot.ShotIndex}")}" data-status="{status}" aria-labelledby="{anchor}-title">
            <header class="shot-header">
            <h3 id="{anchor}-title">Shot {shot.ShotIndex}</h3>
            <p class="status status-{status}" data-status-text>{E(StatusText(shot))}</p>
            </header>

            """);
        if (shot.Caption is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"caption\">{E(shot.Caption)}</p>\n");
        }

        if (shot.PlayableClip is { } clip)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<video class=\"clip\" controls preload=\"metadata\" playsinline src=\"{Url(location, clip.Path)}\"{Poster(location, shot)} aria-label=\"Clip of {label}\"></video>\n");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"no-clip\"><p>{E(StatusText(shot))}</p>");
            if (shot.CurrentClip is { } recorded)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>Recorded: <code>{E(recorded.Path.Value)}</code></p>");
            }

            html.Append("</div>\n");
        }

        AppendFacts(html, shot);
        html.Append("<h4>Key frame</h4>\n");
        html.Append(shot.KeyFrame is null
            ? "<p class=\"meta\">No key frame yet.</p>\n"
            : $"<figure class=\"key-frame\"><img src=\"{Url(location, shot.KeyFrame)}\" alt=\"Key frame of {label}\" loading=\"lazy\"></figure>\n");
        AppendReferences(html, location, shot);
        if (shot.PromptText is not null)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<details class=\"prompt\"><summary>{(shot.RequestRecorded ? "Prompt sent" : "Prompt a new take would send")}</summary><pre>{E(shot.PromptText)}</pre></details>\n");
        }

        AppendTakes(html, location, label, shot);
        html.Append("</article>\n");
    }

    private static void AppendFacts(StringBuilder html, ReviewShot shot)
    {
        html.Append("<dl class=\"facts\">");
        Fact(html, "Cost", Usd(shot.CostUsd));
        Fact(html, "Attempts", shot.Attempts.ToString(CultureInfo.InvariantCulture));
        if (shot.PlayableClip is { } clip)
        {
            if (clip.Duration is { } duration)
            {
                Fact(html, "Length", Seconds(duration));
            }

            if (clip.Bytes is { } bytes)
            {
                Fact(html, "Size", Size(bytes));
            }

            if (clip.Model is { } model)
            {
                Fact(html, "Model", E(model));
            }

            if (clip.CreatedAt is { } created)
            {
                Fact(html, "Made", Time(created));
            }
        }

        html.Append("</dl>\n");
    }

    private static void AppendReferences(StringBuilder html, ReviewPageLocation location, ReviewShot shot)
    {
        html.Append(shot.RequestRecorded ? "<h4>References sent</h4>\n" : "<h4>References a new take would send</h4>\n");
        if (shot.ChangedSinceSent)
        {
            html.Append("<p class=\"changed\" data-changed>The storyboard or a reference image has changed since: a new take would send another prompt or other images.</p>\n");
        }

        if (shot.References.Count == 0)
        {
            html.Append("<p class=\"meta\">None.</p>\n");
            return;
        }

        html.Append("<ol class=\"thumbs references\">\n");
        foreach (var reference in shot.References)
        {
            var kind = KindText(reference.Kind);
            html.Append(CultureInfo.InvariantCulture, $"""
                <li data-kind="{reference.Kind}"><figure><img src="{Url(location, reference.Path)}" alt="{kind} reference: {E(reference.SourceId)}" loading="lazy"><figcaption><span class="kind">{kind}</span> {E(reference.SourceId)}</figcaption></figure></li>

                """);
        }

        html.Append("</ol>\n");
    }

    private static void AppendTakes(StringBuilder html, ReviewPageLocation location, string encodedLabel, ReviewShot shot)
    {
        if (shot.EarlierTakes.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<h4>Earlier takes ({shot.EarlierTakes.Count})</h4>\n<ol class=\"takes\">\n");
        for (var i = 0; i < shot.EarlierTakes.Count; i++)
        {
            var take = shot.EarlierTakes[i];
            var details = new List<string>();
            if (take.CreatedAt is { } created)
            {
                details.Add(Time(created));
            }

            if (take.CostUsd is { } cost)
            {
                details.Add(Usd(cost));
            }

            if (take.Model is { } model)
            {
                details.Add(E(model));
            }

            if (take.OtherRequest)
            {
                details.Add("other prompt or references");
            }

            html.Append(CultureInfo.InvariantCulture, $"""
                <li><figure><video controls preload="metadata" playsinline src="{Url(location, take.Path)}" aria-label="Take {i + 1} of {encodedLabel}"></video><figcaption>Take {i + 1}{string.Concat(details.Select(detail => " · " + detail))}</figcaption></figure></li>

                """);
        }

        html.Append("</ol>\n");
    }

    private static IEnumerable<ReviewShot> Shots(ReviewScenelet scenelet) => scenelet.Shots.OrderBy(shot => shot.ShotIndex);

    private static string ShotLabel(ReviewScenelet scenelet, ReviewShot shot) => $"{scenelet.SceneletId} shot {shot.ShotIndex}";

    // Scenelet ids are model output, so anchors use the sequence number instead.
    private static string SceneletAnchor(ReviewScenelet scenelet) =>
        string.Create(CultureInfo.InvariantCulture, $"scenelet-{scenelet.Sequence}");

    private static string StatusText(ReviewShot shot) => shot.Status switch
    {
        ReviewShotStatus.NoClip => "No clip yet",
        ReviewShotStatus.Generated => "Generated",
        ReviewShotStatus.Filtered => WithReason("Filtered", shot.StatusReason),
        ReviewShotStatus.Failed => WithReason("Failed", shot.StatusReason),
        ReviewShotStatus.Missing => "Recorded clip is missing",
        ReviewShotStatus.Broken => "Recorded clip is broken (not a whole MP4)",
        _ => throw new ArgumentOutOfRangeException(nameof(shot), shot.Status, "Unknown shot status."),
    };

    private static string WithReason(string status, string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? status : $"{status}: {reason}";

    private static string StatusClass(ReviewShotStatus status) => status switch
    {
        ReviewShotStatus.NoClip => "no-clip",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string KindText(ReferenceImageKind kind) => kind switch
    {
        ReferenceImageKind.KeyFrame => "Key frame",
        _ => kind.ToString(),
    };

    private static void Fact(StringBuilder html, string name, string encodedValue) =>
        html.Append(CultureInfo.InvariantCulture, $"<div><dt>{name}</dt><dd>{encodedValue}</dd></div>");

    private static string Poster(ReviewPageLocation location, ReviewShot shot) =>
        shot.KeyFrame is null ? "" : $" poster=\"{Url(location, shot.KeyFrame)}\"";

    private static string Url(ReviewPageLocation location, PublicPath path) => E(location.UrlFor(path));

    private static string Usd(decimal amount) => "$" + amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Size(long bytes) => bytes switch
    {
        < 1_000 => $"{bytes} B",
        < 1_000_000 => (bytes / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " kB",
        _ => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
    };

    private static string Time(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return $"<time datetime=\"{utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\">"
            + $"{utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</time>";
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>HTML-encodes text for element content and double-quoted attributes alike (&lt; &gt; &amp; " ').</summary>
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));

    private static string ReadResource(string name)
    {
        using var stream = typeof(ReviewPageRenderer).Assembly.GetManifestResourceStream($"ShotVideo.Review.{name}")
            ?? throw new InvalidOperationException($"The review page resource {name} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
