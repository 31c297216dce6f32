namespace ShotVideo.Veo;

/// <summary>A reference image as sent to Veo: the file's bytes and its MIME type (<c>image/png</c> or <c>image/jpeg</c>).</summary>
public sealed record VideoReferenceImage(byte[] Bytes, string MimeType);
