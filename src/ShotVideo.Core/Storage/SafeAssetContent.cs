namespace ShotVideo.Storage;

/// <summary>The bytes <see cref="SafeAssetFile"/> read and the path they were read from, every symbolic link resolved.</summary>
internal sealed record SafeAssetContent(byte[] Bytes, string RealPath);
