namespace ShotVideo.Veo;

/// <summary>
/// A started generation job. <see cref="Name"/> is the server's operation name; with the backend and model it is all a
/// later process needs to resume polling and downloading (Veo keeps results for two days).
/// </summary>
public sealed record VideoOperation(VideoBackend Backend, string Model, string Name);
