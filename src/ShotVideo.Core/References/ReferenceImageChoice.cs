namespace ShotVideo.References;

/// <summary>A reference image chosen for a shot, for verbose logs and dry-run reports.</summary>
/// <param name="SourceId">The character or environment id, or <c>&lt;scenelet-id&gt;#&lt;shot-index&gt;</c> for a key frame.</param>
/// <param name="RelativePath">The path as stored, relative to <c>public/generated</c>.</param>
/// <param name="AbsolutePath">The file on this machine.</param>
public sealed record ReferenceImageChoice(
    ReferenceImageKind Kind, string SourceId, string RelativePath, string AbsolutePath)
{
    /// <summary>How messages name the image, e.g. "model sheet of character 'rhea'".</summary>
    internal string Description => Kind switch
    {
        ReferenceImageKind.Character => $"model sheet of character '{SourceId}'",
        ReferenceImageKind.Environment => $"reference image of environment '{SourceId}'",
        _ => $"key frame of {SourceId}",
    };
}
