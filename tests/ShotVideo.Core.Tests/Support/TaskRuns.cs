using ShotVideo.Generation;
using ShotVideo.Planning;

namespace ShotVideo.Tests.Support;

/// <summary>A whole run the way automation makes one: plan, approve every shot to generate or resume, execute.</summary>
public static class TaskRuns
{
    public static async Task<ShotVideoRunResult> RunAsync(
        this ShotVideoTask task, RunSelection selection, IShotVideoProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = await task.PlanAsync(selection, cancellationToken);
        return await task.ExecuteAsync(RunApproval.All(plan), progress, cancellationToken);
    }
}
