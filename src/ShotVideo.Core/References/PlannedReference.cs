namespace ShotVideo.References;

/// <summary>
/// A reference image a plan considered for a shot: sent (in order, with what was read) or not sent, with why (over
/// the cap of three, the same file as an earlier one, a key frame whose file is missing, a design without an image).
/// </summary>
/// <param name="Path">The path as stored (relative to <c>public/generated</c>); empty for a design that has no image yet.</param>
/// <param name="Sha256">The hex SHA-256 of the bytes that will be sent.</param>
public sealed record PlannedReference(
    ReferenceImageKind Kind,
    string SourceId,
    string Path,
    bool Sent,
    string? NotSentReason = null,
    string? MimeType = null,
    long? Bytes = null,
    string? Sha256 = null)
{
    public override string ToString() => Sent ? $"{Kind} {SourceId}" : $"{Kind} {SourceId} (not sent: {NotSentReason})";
}
