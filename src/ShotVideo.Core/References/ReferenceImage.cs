namespace ShotVideo.References;

/// <summary>A reference image as the video APIs take it.</summary>
/// <param name="MimeType"><c>image/png</c> or <c>image/jpeg</c>, from the file's bytes, not its name.</param>
internal sealed record ReferenceImage(byte[] Bytes, string MimeType);
