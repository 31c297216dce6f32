namespace ShotVideo.Veo;

/// <summary>
/// The Veo 3.1 input rules (veo-api.md), checked before any paid call. Every generator, the stub included, uses this
/// one validator so a dry run or stub run rejects exactly what a real run would.
/// </summary>
internal static class VideoRequestValidator
{
    public const int MaxReferenceImages = 3;

    /// <summary>The API's inline request limit is about 20 MB; base64 grows bytes by a third, so keep each image well under it.</summary>
    public const int MaxReferenceImageBytes = 10 * 1024 * 1024;

    private static readonly string[] AspectRatios = ["16:9", "9:16"];
    private static readonly string[] Resolutions = ["720p", "1080p", "4k"];
    private static readonly int[] Durations = [4, 6, 8];
    private static readonly string[] ImageTypes = ["image/png", "image/jpeg"];

    /// <param name="vertexRules">Also apply Vertex AI's extra limits (no 9:16 with reference images).</param>
    public static void Validate(VideoGenerationRequest request, bool vertexRules)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            problems.Add("the prompt is empty");
        }

        var references = request.ReferenceImages ?? [];
        if (references.Count > MaxReferenceImages)
        {
            problems.Add($"{references.Count} reference images were given; Veo 3.1 accepts at most {MaxReferenceImages}");
        }

        for (int i = 0; i < references.Count; i++)
        {
            var image = references[i];
            if (image?.Bytes is not { Length: > 0 })
            {
                problems.Add($"reference image {i + 1} is empty");
            }
            else if (image.Bytes.Length > MaxReferenceImageBytes)
            {
                problems.Add($"reference image {i + 1} is {image.Bytes.Length:N0} bytes; the limit is {MaxReferenceImageBytes:N0}");
            }

            if (image is not null && !ImageTypes.Contains(image.MimeType, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"reference image {i + 1} has MIME type '{image.MimeType}'; only image/png and image/jpeg are accepted");
            }
        }

        if (!AspectRatios.Contains(request.AspectRatio))
        {
            problems.Add($"aspect ratio '{request.AspectRatio}' is not one of {string.Join(", ", AspectRatios)}");
        }
        else if (vertexRules && request.AspectRatio == "9:16" && references.Count > 0)
        {
            problems.Add("Vertex AI does not accept 9:16 with reference images; use 16:9");
        }

        if (!Resolutions.Contains(request.Resolution))
        {
            problems.Add($"resolution '{request.Resolution}' is not one of {string.Join(", ", Resolutions)}");
        }

        if (!Durations.Contains(request.DurationSeconds))
        {
            problems.Add($"duration {request.DurationSeconds} s is not one of {string.Join(", ", Durations)}");
        }
        else if (request.DurationSeconds != 8)
        {
            if (references.Count > 0)
            {
                problems.Add("with reference images the duration must be 8 seconds");
            }

            if (request.Resolution is "1080p" or "4k")
            {
                problems.Add($"{request.Resolution} is only available with 8-second clips");
            }
        }

        if (problems.Count > 0)
        {
            throw ShotVideoErrors.InvalidRequest("The video request is not valid for Veo 3.1: " + string.Join("; ", problems) + ".");
        }
    }
}
