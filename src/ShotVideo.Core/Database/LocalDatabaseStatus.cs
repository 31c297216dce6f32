namespace ShotVideo.Database;

/// <summary>What ShotVideo's local database looks like right now (Get-ShotVideoLocalDatabase).</summary>
/// <param name="Folder">The folder that holds (or would hold) the cluster.</param>
/// <param name="Exists">The cluster has been initialised there.</param>
/// <param name="Running">A server is running for it and accepts TCP connections on its port.</param>
/// <param name="Port">The port on 127.0.0.1 it listens on; null before it was first initialised.</param>
/// <param name="DataSizeBytes">The size of its data folder (0 when it does not exist).</param>
public sealed record LocalDatabaseStatus(string Folder, bool Exists, bool Running, int? Port, long DataSizeBytes)
{
    public override string ToString() =>
        !Exists ? $"no local database in {Folder}" : $"local database in {Folder}: {(Running ? $"running on 127.0.0.1:{Port}" : "stopped")}";
}
