using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShotVideo.Prompting;

/// <summary>Assembles a shot's prompt from its storyboard payload and the story's visual design document.</summary>
internal static class ShotPromptBuilder
{
    /// <summary>Veo documents a prompt limit of about 1,024 tokens.</summary>
    public const int TokenLimit = 1_024;

    /// <summary>The two directives, sent as a JSON array as the pipeline's reference implementation sends them.</summary>
    public static readonly IReadOnlyList<string> CriticalInstruction =
        ["Do not include captions, subtitles, or watermarks.", "Do not include background music. Output visuals only."];

    // No tokenizer for Veo's model is available to us, so the size is a hand-made estimate: about four characters per
    // token, the usual figure for English text. Good enough to warn, not to bill.
    private const int CharactersPerToken = 4;

    // Image paths and scenelet lists are for ShotVideo, not for the model.
    private static readonly string[] OmittedCharacterKeys = ["character_model_sheet_image_path"];
    private static readonly string[] OmittedEnvironmentKeys = ["associated_scenelet_ids", "environment_reference_image_path"];

    // The text goes into a JSON request body, never into HTML, so non-ASCII letters and quotes stay readable to the
    // model instead of becoming \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Builds the prompt. Throws <c>ShotVideoUnknownDesignIds</c> when the shot references designs the document does
    /// not define.
    /// </summary>
    public static ShotPrompt Build(StoryboardPayload payload, VisualDesignDocument document)
    {
        var (characters, environments) = document.ResolveReferenced(payload);
        var content = new JsonObject
        {
            ["global_aesthetic"] = document.GlobalAesthetic.DeepClone(),
            ["character_designs"] = Designs(characters, OmittedCharacterKeys),
            ["environment_designs"] = Designs(environments, OmittedEnvironmentKeys),
            ["storyboard_payload"] = payload.Content.DeepClone(),
            ["critical_instruction"] = new JsonArray([.. CriticalInstruction.Select(directive => JsonValue.Create(directive))]),
        };

        var text = Serialize(content, payload.Json);
        var estimatedTokens = (text.Length + CharactersPerToken - 1) / CharactersPerToken;
        var warnings = new List<string>();
        if (estimatedTokens > TokenLimit)
        {
            // Invariant digits so messages read the same on every machine (English text, English number format).
            warnings.Add(string.Format(
                CultureInfo.InvariantCulture,
                "The prompt of {0} is about {1:N0} tokens ({2:N0} characters); Veo documents a limit of about {3:N0}, "
                    + "so the model may ignore part of it. Shorten the storyboard or the design descriptions.",
                payload.Shot.Key,
                estimatedTokens,
                text.Length,
                TokenLimit));
        }

        return new ShotPrompt(content, text, estimatedTokens, warnings);
    }

    private static JsonArray Designs(IEnumerable<VisualDesign> designs, string[] omittedKeys)
    {
        var list = new JsonArray();
        foreach (var design in designs)
        {
            var copy = design.Json.DeepClone().AsObject();
            foreach (var key in omittedKeys)
            {
                JsonKeys.Remove(copy, key);
            }

            list.Add(copy);
        }

        return list;
    }

    // Written member by member so the storyboard payload goes out as its stored text, byte for byte, rather than
    // re-serialized.
    private static string Serialize(JsonObject content, string payloadJson)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in content)
            {
                writer.WritePropertyName(name);
                if (name == "storyboard_payload")
                {
                    writer.WriteRawValue(payloadJson);
                }
                else
                {
                    value!.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
