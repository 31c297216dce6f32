namespace ShotVideo.Storage;

/// <summary>Where a shot's clip lives.</summary>
/// <param name="RelativePath">What <c>shots.video_file_path</c> stores: <c>generated/&lt;story-id&gt;/shots/&lt;scenelet-id&gt;/shot-&lt;index&gt;.mp4</c>,
/// relative to <c>public/</c>, always with forward slashes.</param>
/// <param name="AbsolutePath">The file on this machine.</param>
internal sealed record ClipLocation(string RelativePath, string AbsolutePath);
