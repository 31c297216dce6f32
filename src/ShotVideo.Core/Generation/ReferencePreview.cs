using ShotVideo.References;

namespace ShotVideo.Generation;

/// <summary>A reference image chosen for a shot, as a preview shows it: whether its file was found and what it is.</summary>
public sealed record ReferencePreview(ReferenceImageKind Kind, string SourceId, string Path, bool Found, string? MimeType, long? Bytes);
