namespace ShotVideo.References;

/// <summary>A reference image chosen for a shot, before its file is read.</summary>
/// <param name="SourceId">The character or environment id, or <c>&lt;scenelet-id&gt;#&lt;shot-index&gt;</c> for a key frame.</param>
/// <param name="RelativePath">The path as stored, relative to <c>public/generated</c>.</param>
/// <param name="AbsolutePath">The file on this machine.</param>
internal sealed record ReferenceImageChoice(ReferenceImageKind Kind, string SourceId, string RelativePath, string AbsolutePath)
{
    /// <summary>How messages name the image, e.g. "model sheet of character 'rhea'".</summary>
    public string Description => Describe(Kind, SourceId);

    public static string Describe(ReferenceImageKind kind, string sourceId) => kind switch
    {
        ReferenceImageKind.Character => $"model sheet of character '{sourceId}'",
        ReferenceImageKind.Environment => $"reference image of environment '{sourceId}'",
        _ => $"key frame of {sourceId}",
    };
}
