using System.Diagnostics;
using ShotVideo;
using ShotVideo.Database;
using ShotVideo.Generation;
using ShotVideo.Planning;
using ShotVideo.TestWorker;
using ShotVideo.Veo;

// Runs one ShotVideoTask against the given database and (fake) Gemini API, printing a line per finished shot and a
// summary. Exit code 0 when no shot failed and nothing stopped the run; 1 otherwise (failure, error, Ctrl+C).
WorkerArguments arguments;
try
{
    arguments = WorkerArguments.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(WorkerArguments.Usage);
    return 1;
}

using var stop = new CancellationTokenSource();
// Ctrl+C (SIGINT) cancels the run the way PowerShell's Ctrl+C stops a cmdlet: attempts are released, not abandoned.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    await using var database = StoryDatabase.Open(DatabaseSettings.Parse(arguments.Database));
    using var generator = VeoVideoGenerator.ForGeminiApi(new GeminiApiOptions
    {
        BaseUrl = arguments.GeminiBaseUrl,
        PollInterval = arguments.PollInterval,
        Retry = new VeoRetryOptions { FirstDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) },
    });
    var task = new ShotVideoTask(database, generator, arguments.ToOptions());
    if (arguments.WaitForGo)
    {
        // Connected and the story read once before "ready", so workers released together start their runs together
        // rather than each paying its first connection (and the JIT of it) after the signal.
        await database.Stories.GetStoryAsync(arguments.StoryId, stop.Token);
        Console.WriteLine("ready");
        await Console.In.ReadLineAsync(stop.Token);
    }

    var watch = Stopwatch.StartNew();
    var plan = await task.PlanAsync(arguments.ToSelection(), stop.Token);
    var run = await task.ExecuteAsync(RunApproval.All(plan), new ConsoleProgress(), stop.Token);
    Console.WriteLine(ResultLine.Summary(run, watch.Elapsed));
    if (run.Interrupted)
    {
        Console.WriteLine("cancelled");
        return 1;
    }

    return run.Failed == 0 && run.Refused == 0 && run.StoppedBy is null ? 0 : 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("cancelled");
    return 1;
}
catch (ShotVideoException ex)
{
    Console.WriteLine($"error {ex.ErrorId}: {ex.Message.ReplaceLineEndings(" ")}");
    return 1;
}
