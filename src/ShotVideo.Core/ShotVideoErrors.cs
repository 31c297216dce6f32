using System.Globalization;
using System.Runtime.CompilerServices;
using ShotVideo.Database;
using ShotVideo.Generation;

namespace ShotVideo;

/// <summary>
/// The catalogue of every failure ShotVideo reports: one factory per error id, and the id is <c>ShotVideo</c> + the
/// factory's name, so an id can neither be misspelt nor exist twice. Each factory decides the kind, whether the failure
/// hits every shot of a run, and the recommended action.
/// </summary>
public static class ShotVideoErrors
{
    private const string DatabaseVariable = "SHOTVIDEO_DATABASE_URL";

    // ---- Configuration and the database ----------------------------------------------------------------------------

    internal static ShotVideoException InvalidDatabaseUrl(string reason) =>
        Create(ShotVideoErrorKind.InvalidArgument, $"The database setting is not valid: {reason}.",
            action: $"Check -Database or {DatabaseVariable}: postgresql://user:password@host:port/database, with special characters in the password percent-escaped.");

    internal static ShotVideoException DatabaseUnreachable(string where, string reason, Exception inner) =>
        Create(ShotVideoErrorKind.ConnectionError, $"Could not connect to the story database at {where}: {reason}.", inner: inner, everyShot: true,
            action: $"Check that the database is running and reachable, and -Database or {DatabaseVariable}.");

    internal static ShotVideoException DatabaseSchemaOutdated(string database, string missing, Exception inner) =>
        Create(ShotVideoErrorKind.ResourceUnavailable, $"The story database {database} lacks what ShotVideo needs ({missing}).", inner: inner, everyShot: true,
            action: "Apply the files in supabase/migrations (e.g. 'supabase db push').");

    internal static ShotVideoException DatabaseError(string database, string reason, Exception inner) =>
        Create(ShotVideoErrorKind.OperationFailed, $"The story database {database} refused a request: {reason}", inner: inner);

    internal static ShotVideoException PostgresNotInstalled() =>
        Create(ShotVideoErrorKind.ResourceUnavailable, "No PostgreSQL server binaries (initdb, pg_ctl) were found on PATH or under /usr/lib/postgresql/*/bin.",
            everyShot: true,
            action: $"Install the server (Debian: apt-get install postgresql) or set {DatabaseVariable} to an existing database.");

    internal static ShotVideoException LocalDatabaseFailed(string tool, int exitCode, string folder, string output) =>
        Create(ShotVideoErrorKind.ResourceUnavailable,
            $"{tool} failed (exit code {exitCode}) for the PostgreSQL cluster in {folder}.{Environment.NewLine}{output}".TrimEnd(), everyShot: true);

    internal static ShotVideoException LocalDatabaseFolderUnreachable(string folder, string? closedFolder) =>
        Create(ShotVideoErrorKind.PermissionDenied,
            $"The local database's server runs as the postgres user, which cannot reach {folder}"
            + (closedFolder is null ? "." : $": only its owner may enter {closedFolder}."),
            everyShot: true,
            action: $"Let it through (chmod o+x {closedFolder ?? folder}) or choose a folder it can reach: unset {LocalDatabase.FolderVariable} to use the default.");

    internal static ShotVideoException NoLocalDatabase(string folder) =>
        Create(ShotVideoErrorKind.ObjectNotFound,
            $"No story database is configured and ShotVideo's local database in {folder} does not exist yet, so there is nothing to plan against.",
            everyShot: true,
            action: $"Set {DatabaseVariable} (or pass -Database), or run without -WhatIf once (e.g. Import-StoryFolder) to create the local database.");

    // ---- Stories, shots and their documents ------------------------------------------------------------------------

    internal static ShotVideoException StoryNotFound(Guid storyId, string database) =>
        Create(ShotVideoErrorKind.ObjectNotFound, $"Story {storyId} does not exist in the story database {database}.", storyId: storyId,
            action: "Check the story id: Get-ShotCoverage lists the stories.");

    internal static ShotVideoException ShotNotFound(Guid storyId, string what) =>
        Create(ShotVideoErrorKind.ObjectNotFound, $"Story {storyId} has no {what}.", storyId: storyId,
            action: $"Get-Shot -StoryId {storyId} lists the story's shots.");

    internal static ShotVideoException ShotNotFound(ShotKey shot, string consequence) =>
        Create(ShotVideoErrorKind.ObjectNotFound, $"The shot is not in the story database: {consequence}.", shot,
            action: $"Get-Shot -StoryId {shot.StoryId} lists the story's shots.");

    internal static ShotVideoException InvalidShotIndex(Guid storyId, string? sceneletId, int shotIndex) =>
        Create(ShotVideoErrorKind.InvalidArgument,
            string.Create(CultureInfo.InvariantCulture, $"Shot index {shotIndex} is not valid for story {storyId}{(sceneletId is null ? "" : $", scenelet {sceneletId}")}: shot indexes start at 1."),
            storyId: storyId);

    internal static ShotVideoException NoShots(Guid storyId) =>
        Create(ShotVideoErrorKind.ObjectNotFound, $"Story {storyId} has no storyboard shots.", storyId: storyId,
            action: "Run the storyboard step for the story first.");

    internal static ShotVideoException ClipsExist(Guid storyId, IEnumerable<(ShotKey Shot, string Path)> shots)
    {
        var list = shots.ToList();
        return Create(ShotVideoErrorKind.InvalidArgument,
            $"Story {storyId}: {list.Count} targeted shot(s) already have a clip: {string.Join(", ", list.Select(s => $"{s.Shot.SceneletId} shot {s.Shot.ShotIndex} ({s.Path})"))}.",
            storyId: storyId,
            action: $"Invoke-ShotVideo -StoryId {storyId} -Mode Resume skips them; -Mode Override generates them again.");
    }

    internal static ShotVideoException RepairNeedsResume(Guid storyId, ShotVideoMode mode) =>
        Create(ShotVideoErrorKind.InvalidArgument,
            $"-Repair makes recorded clips that are missing or broken again in Resume mode; this run of story {storyId} is in {mode} mode.",
            storyId: storyId, everyShot: true,
            action: $"Invoke-ShotVideo -StoryId {storyId} -Mode Resume -Repair; Override makes every targeted clip again anyway.");

    internal static ShotVideoException MissingVisualDesignDocument(Guid storyId) =>
        Create(ShotVideoErrorKind.ObjectNotFound, $"Story {storyId} has no visual design document.", storyId: storyId, everyShot: true,
            action: "Run the visual design step for the story first.");

    internal static ShotVideoException InvalidVisualDesignDocument(Guid storyId, string problem) =>
        Create(ShotVideoErrorKind.InvalidData, $"The visual design document of story {storyId} cannot be used: {problem}.", storyId: storyId, everyShot: true,
            action: "Run the visual design step again or correct the document.");

    internal static ShotVideoException InvalidStoryboardPayload(ShotKey shot, string problem) =>
        Create(ShotVideoErrorKind.InvalidData, $"The storyboard payload cannot be used: {problem}.", shot,
            action: "Re-run the storyboard step for this shot.");

    internal static ShotVideoException MissingReferencedDesigns(ShotKey shot) =>
        Create(ShotVideoErrorKind.InvalidData, "The storyboard payload has no referencedDesigns, so its characters and environments are unknown.", shot,
            action: "Re-run the storyboard step for this shot.");

    internal static ShotVideoException UnknownDesignIds(ShotKey shot, IEnumerable<string> unknown) =>
        Create(ShotVideoErrorKind.InvalidData,
            $"The storyboard references designs the story's visual design document does not define: {string.Join(", ", unknown)}.", shot,
            action: "Make the storyboard and the visual design document agree (re-run the step that produced the wrong one).");

    internal static ShotVideoException UnsafePath(string what, string value, string problem, Guid? storyId, ShotKey? shot) =>
        Create(ShotVideoErrorKind.SecurityError,
            $"The {what} is '{value}', which would leave the asset folder because {problem}; ShotVideo never follows such paths.",
            shot, storyId: storyId, action: "Correct the value in the database.");

    internal static ShotVideoException InvalidStoryFolder(string reason, Exception? inner = null) =>
        Create(ShotVideoErrorKind.InvalidData, reason, inner: inner);

    // ---- Reference images ------------------------------------------------------------------------------------------

    internal static ShotVideoException DesignImageMissing(ShotKey shot, string description, string step) =>
        Create(ShotVideoErrorKind.ObjectNotFound,
            $"The {description} is not made yet (no image path), and a clip without it would be money wasted.", shot,
            action: $"Run the {step} step first, or pass -AllowMissingReferences to generate without it.");

    internal static ShotVideoException ReferenceImageMissing(ShotKey shot, string description, string path, Exception? inner) =>
        Create(ShotVideoErrorKind.ObjectNotFound, $"The {description}, '{path}', does not exist.", shot, inner: inner,
            action: "Run the step that makes it, or correct the path in the database.");

    internal static ShotVideoException ReferenceImageUnreadable(ShotKey shot, string description, string path, string reason, Exception? inner) =>
        Create(ShotVideoErrorKind.ResourceUnavailable, $"The {description}, '{path}', cannot be read ({reason}).", shot, inner: inner);

    internal static ShotVideoException ReferenceImageNotImage(ShotKey shot, string description, string path) =>
        Create(ShotVideoErrorKind.InvalidData, $"The {description}, '{path}', is not a PNG or JPEG image (judged by its bytes).", shot,
            action: "Replace the file with a PNG or JPEG.");

    internal static ShotVideoException ReferenceImageTooLarge(ShotKey shot, string description, string path, long bytes, long limit) =>
        Create(ShotVideoErrorKind.InvalidData,
            string.Create(CultureInfo.InvariantCulture, $"The {description}, '{path}', is {bytes:N0} bytes, more than the {limit:N0} the video APIs accept."), shot,
            action: "Save the image smaller.");

    internal static ShotVideoException ReferenceImageUnsafe(ShotKey shot, string description, string path, string problem) =>
        Create(ShotVideoErrorKind.SecurityError, $"The {description}, '{path}', {problem}; ShotVideo reads only regular files inside the public folder.", shot,
            action: "Replace the link or special file with a regular image file inside the public folder.");

    // ---- The job ledger ---------------------------------------------------------------------------------------------

    internal static ShotVideoException StartUncertain(ShotKey shot, string what) =>
        Create(ShotVideoErrorKind.OperationFailed,
            $"{what} Veo may have created, and billed, a job for this shot, so nothing new was started.", shot,
            action: $"Check the Google Cloud console or billing for the job; to generate the shot anyway: {shot.Command(ShotVideoMode.Override)}");

    internal static ShotVideoException ResumeBackendMismatch(ShotKey shot, string backend, string operationName) =>
        Create(ShotVideoErrorKind.InvalidArgument,
            $"The shot has an unfinished {backend} operation ({operationName}) from an earlier run, which only {backend} can finish.", shot,
            action: $"Run with -Backend {backend} to finish it without paying again.");

    internal static ShotVideoException ClaimContended(ShotKey shot) =>
        Create(ShotVideoErrorKind.ResourceUnavailable, "Could not claim the shot: the ledger kept changing under this run.", shot,
            action: "Run again.");

    internal static ShotVideoException ClaimLost(Guid jobId, string worker) =>
        Create(ShotVideoErrorKind.OperationFailed, $"Attempt {jobId} is no longer held by this run ({worker}); another run took it over.");

    // ---- Takes -------------------------------------------------------------------------------------------------------

    internal static ShotVideoException TakeNotFound(ShotKey shot, int take) =>
        Create(ShotVideoErrorKind.ObjectNotFound, $"The shot has no take {take} on disk.", shot, action: $"{TakesCommand(shot)} lists the shot's takes.");

    internal static ShotVideoException TakeIsCurrent(ShotKey shot) =>
        Create(ShotVideoErrorKind.InvalidArgument, "The current clip is not removed: only earlier takes are.", shot,
            action: $"Make another take current first ({TakesCommand(shot).Replace("Get-", "Set-", StringComparison.Ordinal)} -Take <number>), then remove this one by its new number.");

    internal static ShotVideoException TakeShotBusy(ShotKey shot, string? holder) =>
        Create(ShotVideoErrorKind.ResourceUnavailable, $"A run{(holder is null ? "" : $" ({holder})")} is generating the shot, so its clip is not swapped under it.", shot,
            action: $"Wait for it to finish (Get-ShotVideoJob -StoryId {shot.StoryId} -Live), then run this again.");

    // ---- Veo ---------------------------------------------------------------------------------------------------------

    internal static ShotVideoException NoBackend() =>
        Create(ShotVideoErrorKind.InvalidArgument,
            "No video backend is configured.", everyShot: true,
            action: "Set GEMINI_API_KEY for the Gemini API, or GOOGLE_CLOUD_PROJECT (with Application Default Credentials, e.g. 'gcloud auth application-default login') "
                + "for Vertex AI, or pass -Backend GeminiApi|VertexAi. To try the pipeline offline with a placeholder clip, pass -Stub.");

    internal static ShotVideoException CredentialsMissing(string reason, string action, Exception? inner = null) =>
        Create(ShotVideoErrorKind.AuthenticationError, reason, inner: inner, everyShot: true, action: action);

    internal static ShotVideoException CredentialsRejected(string reason, string action, bool forbidden, Exception? inner = null) =>
        Create(forbidden ? ShotVideoErrorKind.PermissionDenied : ShotVideoErrorKind.AuthenticationError, reason, inner: inner, everyShot: true, action: action);

    internal static ShotVideoException CredentialsInvalid(string reason, string action, Exception inner) =>
        Create(ShotVideoErrorKind.AuthenticationError, reason, inner: inner, everyShot: true, action: action);

    internal static ShotVideoException ProjectMissing(string reason, string variable) =>
        Create(ShotVideoErrorKind.InvalidArgument, reason, everyShot: true, action: $"Pass -Project or set {variable}.");

    internal static ShotVideoException InvalidLocation(string location) =>
        Create(ShotVideoErrorKind.InvalidArgument, $"'{location}' is not a Vertex AI location such as us-central1 or global.", everyShot: true);

    internal static ShotVideoException InvalidStorageUri(string uri) =>
        Create(ShotVideoErrorKind.InvalidArgument, $"The output storage URI '{uri}' must start with gs://.", everyShot: true);

    internal static ShotVideoException InvalidBaseUrl(string reason) =>
        Create(ShotVideoErrorKind.InvalidArgument, reason, everyShot: true);

    internal static ShotVideoException ModelUnavailable(string reason, string action) =>
        Create(ShotVideoErrorKind.ResourceUnavailable, reason, everyShot: true, action: action);

    internal static ShotVideoException InvalidRequest(string reason) =>
        Create(ShotVideoErrorKind.InvalidArgument, reason, action: "Fix the shot's prompt, reference images or generation options.");

    internal static ShotVideoException QuotaExhausted(string reason) =>
        Create(ShotVideoErrorKind.QuotaExceeded, reason, everyShot: true,
            action: "Wait and run again (paid operations resume at no cost), lower -ThrottleLimit, or raise the project's quota.");

    internal static ShotVideoException QuotaRefused(string reason) =>
        Create(ShotVideoErrorKind.QuotaExceeded, reason, everyShot: true,
            action: "Raise the project's quota, set -StartsPerMinute (or SHOTVIDEO_STARTS_PER_MINUTE) to the quota you have, or run again later.");

    internal static ShotVideoException InvalidStartsPerMinute(string reason) =>
        Create(ShotVideoErrorKind.InvalidArgument, reason, everyShot: true);

    internal static ShotVideoException ServiceUnavailable(string reason) =>
        Create(ShotVideoErrorKind.ResourceUnavailable, reason, action: "Run again later; paid operations resume at no cost for 2 days.");

    internal static ShotVideoException ServiceUnreachable(string reason, Exception? inner) =>
        Create(ShotVideoErrorKind.ConnectionError, reason, inner: inner, action: "Check the network, proxy and base URL, then run again.");

    internal static ShotVideoException UnexpectedResponse(string reason) =>
        Create(ShotVideoErrorKind.InvalidData, reason, action: "Check the base URL and any proxy in between.");

    internal static ShotVideoException InvalidOperationName(string reason) =>
        Create(ShotVideoErrorKind.InvalidArgument, reason, action: "Check the recorded operation (Get-ShotVideoJob).");

    internal static ShotVideoException TimedOut(string operationName, TimeSpan limit, Exception inner) =>
        Create(ShotVideoErrorKind.OperationTimeout,
            $"Operation '{operationName}' did not finish within {limit}; it may still finish on the server.", inner: inner,
            action: "Run again to resume it at no cost (results are kept for 2 days), or raise the timeout.");

    internal static ShotVideoException NotMp4(string what, string why, Exception? inner) =>
        Create(ShotVideoErrorKind.InvalidData,
            $"The video returned for {what} is not a usable MP4: {why}. The service may have returned an error page or a broken file.", inner: inner,
            action: "Run again: the paid operation is downloaded again at no cost.");

    internal static ShotVideoException IncompleteMp4(string what, string why) =>
        Create(ShotVideoErrorKind.InvalidData,
            $"The video returned for {what} is incomplete or damaged: {why}. The download was probably cut off or mangled on the way.",
            action: "Run again: the paid operation is downloaded again at no cost.");

    internal static ShotVideoException ResponseTooLarge(string reason) =>
        Create(ShotVideoErrorKind.InvalidData, reason, action: "Check the base URL and any proxy in between.");

    internal static ShotVideoException StubClipMissing(string where) =>
        Create(ShotVideoErrorKind.ObjectNotFound, $"The stub clip was not found: {where}.", everyShot: true,
            action: "Reinstall the module, or pass an existing MP4 as the stub clip.");

    // ---- Outcomes reported as errors --------------------------------------------------------------------------------

    internal static ShotVideoException OperationFailed(ShotKey shot, string reason) =>
        Create(ShotVideoErrorKind.OperationFailed, reason, shot,
            action: $"Check the shot's prompt and reference images, then: {shot.Command(ShotVideoMode.Resume)}");

    internal static ShotVideoException OperationExpired(ShotKey shot, string reason) =>
        Create(ShotVideoErrorKind.ObjectNotFound, reason, shot,
            action: $"Generate the shot again: {shot.Command(ShotVideoMode.Resume)}");

    internal static ShotVideoException SafetyFiltered(ShotKey shot, string reason) =>
        Create(ShotVideoErrorKind.InvalidData, reason, shot,
            action: $"Adjust the storyboard, then: {shot.Command(ShotVideoMode.Resume)}");

    internal static ShotVideoException ShotFailed(ShotKey shot, Exception inner) =>
        Create(ShotVideoErrorKind.OperationFailed, inner.Message, shot, inner: inner);

    private static string TakesCommand(ShotKey shot) => $"Get-ShotVideoTake {shot.Parameters}";

    private static ShotVideoException Create(
        ShotVideoErrorKind kind,
        string reason,
        ShotKey? shot = null,
        Guid? storyId = null,
        Exception? inner = null,
        bool everyShot = false,
        string? action = null,
        [CallerMemberName] string name = "") =>
        new("ShotVideo" + name, kind, reason, shot, storyId, inner) { AffectsEveryShot = everyShot, RecommendedAction = action };
}
