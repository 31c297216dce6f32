using System.Text.Json;

namespace ShotVideo.Veo.Wire;

/// <summary>
/// Writes the <c>predictLongRunning</c> body both backends share (veo-api.md): reference images in
/// <c>instances[0]</c> as <c>{bytesBase64Encoded, mimeType}</c>, a numeric <c>durationSeconds</c>, <c>sampleCount</c> 1.
/// </summary>
internal static class VeoStartBody
{
    public static byte[] Write(VideoGenerationRequest request, Action<Utf8JsonWriter>? writeBackendParameters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("instances");
            json.WriteStartObject();
            json.WriteString("prompt", request.Prompt);
            if (request.ReferenceImages.Count > 0)
            {
                json.WriteStartArray("referenceImages");
                foreach (var image in request.ReferenceImages)
                {
                    json.WriteStartObject();
                    json.WriteStartObject("image");
                    json.WriteBase64String("bytesBase64Encoded", image.Bytes);
                    json.WriteString("mimeType", image.MimeType.ToLowerInvariant());
                    json.WriteEndObject();
                    json.WriteString("referenceType", "asset");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartObject("parameters");
            json.WriteString("aspectRatio", request.AspectRatio);
            json.WriteString("resolution", request.Resolution);
            json.WriteNumber("durationSeconds", request.DurationSeconds);
            json.WriteNumber("sampleCount", 1);
            // Veo 3.1 takes only allow_adult with reference images and only allow_all for text alone.
            json.WriteString("personGeneration", request.ReferenceImages.Count > 0 ? "allow_adult" : "allow_all");
            writeBackendParameters?.Invoke(json);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
