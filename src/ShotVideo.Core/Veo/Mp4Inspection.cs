using System.Diagnostics.CodeAnalysis;

namespace ShotVideo.Veo;

/// <summary>
/// What <see cref="Mp4Inspector.Examine"/> found: the clip's <see cref="Facts"/>, or a <see cref="Problem"/> and a
/// <see cref="Reason"/> (a clause for messages, e.g. "the file ends 4,000 bytes into its 'mdat' box"). A result rather
/// than an exception, so a caller can decide per shot what a broken clip means (retry the download, report it).
/// </summary>
internal sealed record Mp4Inspection
{
    private Mp4Inspection(Mp4Facts? facts, Mp4ProblemKind? problem, string reason)
    {
        Facts = facts;
        Problem = problem;
        Reason = reason;
    }

    /// <summary>Set when the clip is a complete MP4 with a video track.</summary>
    public Mp4Facts? Facts { get; }

    /// <summary>Set when <see cref="Facts"/> is not.</summary>
    public Mp4ProblemKind? Problem { get; }

    public string Reason { get; }

    [MemberNotNullWhen(true, nameof(Facts))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsUsable => Facts is not null;

    public static Mp4Inspection Usable(Mp4Facts facts) => new(facts ?? throw new ArgumentNullException(nameof(facts)), null, "");

    public static Mp4Inspection Failed(Mp4ProblemKind problem, string reason) => new(null, problem, reason);

    /// <summary>
    /// The error for a failed inspection: <c>ShotVideoIncompleteMp4</c> for <see cref="Mp4ProblemKind.Incomplete"/>,
    /// else <c>ShotVideoNotMp4</c>. <paramref name="what"/> names the clip, e.g. "operation 'models/x/operations/y'".
    /// </summary>
    public ShotVideoException ToException(string what)
    {
        if (IsUsable)
        {
            throw new InvalidOperationException("The clip is usable; there is no error to report.");
        }

        return Problem == Mp4ProblemKind.Incomplete ? ShotVideoErrors.IncompleteMp4(what, Reason) : ShotVideoErrors.NotMp4(what, Reason, null);
    }
}
