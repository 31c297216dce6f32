using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShotVideo.Testing.FakeVeo;

/// <summary>
/// Checks a <c>predictLongRunning</c> body as strictly as veo-api.md describes the real services, so a client mistake
/// fails here the way it would fail (or, worse, be silently ignored) against Google. Returns the 400 message, or null.
/// </summary>
internal static class PredictRequestRules
{
    private static readonly string[] TopLevel = ["instances", "parameters"];
    private static readonly string[] InstanceFields = ["prompt", "referenceImages", "image", "lastFrame", "video"];
    private static readonly string[] CommonParameters = ["aspectRatio", "resolution", "durationSeconds", "sampleCount", "personGeneration"];
    private static readonly string[] VertexOnlyParameters = ["generateAudio", "seed", "storageUri", "negativePrompt", "enhancePrompt", "compressionQuality", "resizeMode"];

    public static string? Check(JsonObject body, bool vertex)
    {
        foreach (var (name, _) in body)
        {
            if (!TopLevel.Contains(name))
            {
                return $"Invalid JSON payload received. Unknown name \"{name}\": Cannot find field.";
            }
        }

        if (body["instances"] is not JsonArray { Count: 1 } instances || instances[0] is not JsonObject instance)
        {
            return "instances must be an array with exactly one instance.";
        }

        foreach (var (name, _) in instance)
        {
            if (!InstanceFields.Contains(name))
            {
                return $"Invalid JSON payload received. Unknown name \"{name}\" at 'instances[0]': Cannot find field.";
            }
        }

        if (instance["prompt"] is not JsonValue prompt || prompt.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(prompt.GetValue<string>()))
        {
            return "A non-empty `prompt` is required in instances[0].";
        }

        int referenceCount = 0;
        if (instance["referenceImages"] is { } referencesNode)
        {
            if (referencesNode is not JsonArray references)
            {
                return "referenceImages must be an array.";
            }

            referenceCount = references.Count;
            if (referenceCount > 3)
            {
                return $"At most 3 reference images are supported; got {referenceCount}.";
            }

            if (referenceCount > 0 && (instance.ContainsKey("image") || instance.ContainsKey("lastFrame") || instance.ContainsKey("video")))
            {
                return "`image`, `lastFrame` and `video` are not supported together with reference images.";
            }

            foreach (var item in references)
            {
                if (CheckReference(item, vertex) is { } problem)
                {
                    return problem;
                }
            }
        }

        if (body["parameters"] is not JsonObject parameters)
        {
            return body.ContainsKey("parameters") ? "parameters must be an object." : null;
        }

        foreach (var (name, _) in parameters)
        {
            if (VertexOnlyParameters.Contains(name) && !vertex)
            {
                return $"`{name}` isn't supported by this model.";
            }

            if (!CommonParameters.Contains(name) && !VertexOnlyParameters.Contains(name))
            {
                return $"Invalid JSON payload received. Unknown name \"{name}\" at 'parameters': Cannot find field.";
            }
        }

        string aspect = StringOr(parameters["aspectRatio"], "16:9");
        string resolution = StringOr(parameters["resolution"], "720p");
        if (aspect is not ("16:9" or "9:16"))
        {
            return $"Unsupported aspect ratio: {aspect}.";
        }

        if (resolution is not ("720p" or "1080p" or "4k"))
        {
            return $"Unsupported resolution: {resolution}.";
        }

        int duration = 8;
        if (parameters["durationSeconds"] is { } durationNode)
        {
            if (durationNode.GetValueKind() != JsonValueKind.Number || !durationNode.AsValue().TryGetValue(out duration))
            {
                return $"Invalid value at 'parameters.duration_seconds' (TYPE_INT32), {durationNode.ToJsonString()}";
            }

            if (duration is not (4 or 6 or 8))
            {
                return $"Unsupported duration: {duration} seconds.";
            }
        }

        if (duration != 8 && (referenceCount > 0 || resolution is "1080p" or "4k"))
        {
            return "The requested duration is not supported with reference images or this resolution; use 8 seconds.";
        }

        if (vertex && referenceCount > 0 && aspect == "9:16")
        {
            return "9:16 is not supported with reference images.";
        }

        if (parameters["sampleCount"] is { } sampleNode
            && (sampleNode.GetValueKind() != JsonValueKind.Number || !sampleNode.AsValue().TryGetValue(out int samples) || samples is < 1 or > 4))
        {
            return $"Invalid value at 'parameters.sample_count' (TYPE_INT32), {sampleNode.ToJsonString()}";
        }

        string person = StringOr(parameters["personGeneration"], referenceCount > 0 ? "allow_adult" : "allow_all");
        if (referenceCount > 0 && person != "allow_adult")
        {
            return $"personGeneration '{person}' is not supported with reference images; use allow_adult.";
        }

        if (person is not ("allow_adult" or "allow_all" or "dont_allow"))
        {
            return $"Unsupported personGeneration: {person}.";
        }

        if (parameters["generateAudio"] is { } audio && audio.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return $"Invalid value at 'parameters.generate_audio' (TYPE_BOOL), {audio.ToJsonString()}";
        }

        if (parameters["storageUri"] is { } storage && (storage.GetValueKind() != JsonValueKind.String || !storage.GetValue<string>().StartsWith("gs://", StringComparison.Ordinal)))
        {
            return "storageUri must be a gs:// URI.";
        }

        return null;
    }

    private static string? CheckReference(JsonNode? item, bool vertex)
    {
        if (item is not JsonObject reference || reference["image"] is not JsonObject image)
        {
            return "Each reference image needs an `image` object.";
        }

        if (image.ContainsKey("inlineData"))
        {
            return "`inlineData` isn't supported by this model.";
        }

        foreach (var (name, _) in reference)
        {
            if (name is not ("image" or "referenceType"))
            {
                return $"Invalid JSON payload received. Unknown name \"{name}\" at 'instances[0].reference_images[0]': Cannot find field.";
            }
        }

        string type = StringOr(reference["referenceType"], "");
        bool asset = type is "asset" or "ASSET";
        bool style = type is "style" or "STYLE";
        if (!asset && !(vertex && style))
        {
            return $"referenceType '{type}' isn't supported by this model.";
        }

        bool hasBytes = image["bytesBase64Encoded"] is JsonValue bytes && bytes.GetValueKind() == JsonValueKind.String;
        bool hasGcs = vertex && image["gcsUri"] is JsonValue gcs && gcs.GetValueKind() == JsonValueKind.String;
        foreach (var (name, _) in image)
        {
            if (name is not ("bytesBase64Encoded" or "mimeType") && !(vertex && name == "gcsUri"))
            {
                return $"Invalid JSON payload received. Unknown name \"{name}\" at 'instances[0].reference_images[0].image': Cannot find field.";
            }
        }

        if (hasBytes == hasGcs)
        {
            return "A reference image needs exactly one of bytesBase64Encoded" + (vertex ? " or gcsUri." : ".");
        }

        if (hasBytes)
        {
            try
            {
                if (Convert.FromBase64String(image["bytesBase64Encoded"]!.GetValue<string>()).Length == 0)
                {
                    return "A reference image is empty.";
                }
            }
            catch (FormatException)
            {
                return "Invalid value at 'instances[0].reference_images[0].image.bytes_base64_encoded' (TYPE_BYTES), Base64 decoding failed.";
            }
        }

        string mime = StringOr(image["mimeType"], "");
        return mime is "image/png" or "image/jpeg" ? null : $"Unsupported image MIME type '{mime}'.";
    }

    private static string StringOr(JsonNode? node, string fallback) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : fallback;
}
