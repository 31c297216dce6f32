using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ShotVideo.Veo.Wire;

namespace ShotVideo.Veo.Http;

/// <summary>
/// The request, retry, polling and download logic both Veo backends share; the backend's <see cref="IVeoWire"/>
/// supplies URLs, bodies, credentials and result parsing.
/// </summary>
internal sealed class VeoJobRunner : IDisposable
{
    private const int MaxRedirects = 5;

    /// <summary>How often a finished operation's clip is fetched (polled and downloaded) when what arrives is not a whole MP4.</summary>
    private const int MaxClipFetches = 3;
    private readonly IVeoWire _wire;
    private readonly VeoClientOptions _options;
    private readonly VeoRetryPipeline _retry;
    private readonly VeoErrors _errors;
    private readonly HttpClient _api;
    private readonly HttpClient _start;
    private readonly PollSchedule _polls;

    public VeoJobRunner(IVeoWire wire, VeoClientOptions options)
    {
        _wire = wire;
        _options = options;
        _polls = new PollSchedule(options.PollInterval);
        _retry = new VeoRetryPipeline(options.Retry);
        _errors = new VeoErrors(wire, options.Retry.MaxRetryAfter);
        // Redirects are followed by hand: HttpClient would carry the x-goog-api-key header to any redirect target.
        _api = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = options.RequestTimeout };
        // The start request gets a fresh connection each time: SocketsHttpHandler silently re-sends a request whose
        // pooled connection turns out dead, and a re-sent start request can be a second billed job.
        _start = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = options.RequestTimeout,
        };
    }

    public async Task<StartOutcome> StartAsync(VideoGenerationRequest request, IVideoGenerationObserver? observer, CancellationToken cancellationToken)
    {
        VideoRequestValidator.Validate(request, _wire.VertexRules);
        byte[] body = _wire.BuildStartBody(request);
        try
        {
            return await _retry.ExecuteAsync(VeoStep.Start, observer, async ct =>
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, _wire.StartUri)
                {
                    Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                message.Headers.ConnectionClose = true;
                await _wire.AuthorizeAsync(message, ct).ConfigureAwait(false);
                // Once sent, the start request is seen through to its answer even when the caller cancels: abandoning it
                // could leave a paid job whose operation name nobody learns. The request timeout still bounds it.
                ct.ThrowIfCancellationRequested();
                using var response = await _start.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw await FailureAsync(VeoStep.Start, response, null, null, CancellationToken.None).ConfigureAwait(false);
                }

                // Veo accepted the request: from here on anything that keeps its answer from us leaves a job nobody can name.
                string? name;
                try
                {
                    using var answer = await PooledBody.ReadAsync(response.Content, PooledBody.DefaultMaxBytes, CancellationToken.None).ConfigureAwait(false);
                    using var document = JsonDocument.Parse(answer.Memory);
                    name = OperationJson.String(document.RootElement, "name");
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException or JsonException or ShotVideoException or OperationCanceledException)
                {
                    throw _errors.Unexpected(VeoStep.Start, $"a body that could not be read ({VeoRetryPipeline.Describe(ex)})");
                }

                return string.IsNullOrEmpty(name)
                    ? throw _errors.Unexpected(VeoStep.Start, "without an operation name")
                    : (StartOutcome)new VideoStarted(new VideoOperation(_wire.Backend, _wire.Model, name));
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (StartUncertainException uncertain)
        {
            return new VideoStartUncertain(uncertain.Message);
        }
        catch (VeoTransientStatusException refused) when (refused.Status == HttpStatusCode.TooManyRequests)
        {
            return new VideoStartRefused(
                Pacing.GoogleRetryInfo.TryGetRetryDelay(refused.BodyText) ?? refused.RetryAfter,
                $"HTTP 429 {refused.Error?.Status ?? "Too Many Requests"}");
        }
        catch (Exception ex) when (ex is not ShotVideoException && !cancellationToken.IsCancellationRequested)
        {
            return _errors.FromException(VeoStep.Start, ex, null) switch
            {
                StartUncertainException uncertain => new VideoStartUncertain(uncertain.Message),
                var failure => throw failure,
            };
        }
    }

    public async Task<VideoOutcome> CompleteAsync(VideoOperation operation, Stream destination, IVideoGenerationObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanRead || !destination.CanWrite || !destination.CanSeek)
        {
            throw new ArgumentException("The destination stream must be readable, writable and seekable (e.g. a FileStream opened for ReadWrite).", nameof(destination));
        }

        if (operation.Backend != _wire.Backend)
        {
            throw new ArgumentException($"Operation '{operation.Name}' belongs to backend {operation.Backend}, not {_wire.Backend}.", nameof(operation));
        }

        long origin = destination.Position;
        long started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            int fetches = 0;
            TimeSpan? lastRunning = null;
            for (int attempt = 1; ; attempt++)
            {
                using var body = await PollAsync(operation, observer, deadline.Token).ConfigureAwait(false);
                using var document = ParseJson(VeoStep.Poll, body);
                var result = _wire.ReadOperation(document.RootElement);
                var elapsed = Stopwatch.GetElapsedTime(started);
                observer?.Polled(operation, attempt, elapsed, result.Done);
                if (!result.Done)
                {
                    lastRunning = elapsed;
                    await Task.Delay(_polls.Next(elapsed), deadline.Token).ConfigureAwait(false);
                    continue;
                }

                if (lastRunning is { } running && fetches == 0)
                {
                    _polls.Finished(running, elapsed);
                }

                if (Ended(operation, result) is { } ended)
                {
                    return ended;
                }

                // A clip cut off by a proxy, or an error page in its place, is fetched again: the operation is paid for.
                destination.Position = origin;
                var (count, mimeType, inspection) = await FetchClipAsync(operation, result, body, destination, observer, deadline.Token).ConfigureAwait(false);
                if (inspection.IsUsable)
                {
                    return new VideoGenerated(operation, mimeType, count, inspection.Facts);
                }

                if (++fetches == MaxClipFetches)
                {
                    throw inspection.ToException($"operation '{operation.Name}' ({fetches} downloads)");
                }

                var wait = _options.Retry.FirstDelay * fetches;
                observer?.Retrying("download", fetches, wait, inspection.Reason);
                await Task.Delay(wait, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationGoneException gone)
        {
            return new VideoExpired(operation, gone.Message);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ShotVideoErrors.TimedOut(operation.Name, _options.Timeout, ex);
        }
    }

    private async Task<PooledBody> PollAsync(VideoOperation operation, IVideoGenerationObserver? observer, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(VeoStep.Poll, observer, async ct =>
            {
                using var message = _wire.CreatePollRequest(operation);
                await _wire.AuthorizeAsync(message, ct).ConfigureAwait(false);
                using var response = await _api.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                // A finished operation may carry the clip inline (Vertex's default): the one answer allowed to be large.
                return response.IsSuccessStatusCode
                    ? await PooledBody.ReadAsync(response.Content, PooledBody.InlineClipMaxBytes, ct).ConfigureAwait(false)
                    : throw await FailureAsync(VeoStep.Poll, response, operation.Name, null, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (ShotVideoException or OperationGoneException) && !cancellationToken.IsCancellationRequested)
        {
            throw _errors.FromException(VeoStep.Poll, ex, operation.Name);
        }
    }

    /// <summary>The outcome of a finished operation that has no clip to fetch: failed, filtered, or done without a video.</summary>
    private VideoOutcome? Ended(VideoOperation operation, VeoOperationResult result)
    {
        if (result.Error is { } error)
        {
            return new VideoFailed(operation, _errors.OperationFailed(operation.Name, error));
        }

        if (result.DownloadUri is not null || result.InlineProperty is not null)
        {
            return null;
        }

        return result.FilteredCount > 0
            ? new VideoSafetyFiltered(operation, result.FilteredCount, result.FilteredReasons)
            : new VideoFailed(operation, $"{_wire.Backend} operation '{operation.Name}' finished without a video and without a safety reason.");
    }

    /// <summary>Writes the clip (inline or downloaded) at the destination's position and examines it: a whole MP4, or what is wrong.</summary>
    private async Task<(long Count, string MimeType, Mp4Inspection Inspection)> FetchClipAsync(VideoOperation operation, VeoOperationResult result, PooledBody body,
        Stream destination, IVideoGenerationObserver? observer, CancellationToken cancellationToken)
    {
        long start = destination.Position;
        long count;
        string mimeType = result.MimeType;
        if (result.InlineProperty is { } property)
        {
            destination.SetLength(start);
            try
            {
                count = await InlineVideoDecoder.WriteAsync(body.Memory, property, destination, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException ex)
            {
                destination.SetLength(start);
                return (0, mimeType, Mp4Inspection.Failed(Mp4ProblemKind.Incomplete, $"the inline video could not be decoded ({ex.Message})"));
            }
        }
        else
        {
            (count, mimeType) = await DownloadAsync(operation, result.DownloadUri!, destination, start, observer, cancellationToken).ConfigureAwait(false);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        destination.Position = start;
        var inspection = Mp4Inspector.Examine(destination, count);
        destination.Position = start + count;
        return (count, mimeType, inspection);
    }

    private async Task<(long Count, string MimeType)> DownloadAsync(VideoOperation operation, Uri uri, Stream destination, long start,
        IVideoGenerationObserver? observer, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(VeoStep.Download, observer, async ct =>
            {
                // Every attempt starts the clip afresh, so a download that broke off leaves nothing behind.
                destination.Position = start;
                destination.SetLength(start);
                var target = uri;
                for (int hop = 0; ; hop++)
                {
                    using var message = new HttpRequestMessage(HttpMethod.Get, target);
                    await _wire.AuthorizeAsync(message, ct).ConfigureAwait(false);
                    using var response = await _api.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                    if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                    {
                        if (hop == MaxRedirects)
                        {
                            throw _errors.Unexpected(VeoStep.Download, $"more than {MaxRedirects} redirects");
                        }

                        target = location.IsAbsoluteUri ? location : new Uri(target, location);
                        if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
                        {
                            throw _errors.Unexpected(VeoStep.Download, "a redirect to a non-HTTP location");
                        }

                        continue;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        throw await FailureAsync(VeoStep.Download, response, operation.Name, target.Host, ct).ConfigureAwait(false);
                    }

                    // Streamed: the clip goes from the socket to the destination through one small buffer.
                    using var content = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                    await content.CopyToAsync(destination, 81920, ct).ConfigureAwait(false);
                    string? type = response.Content.Headers.ContentType?.MediaType;
                    return (destination.Position - start, type is not null && type.StartsWith("video/", StringComparison.OrdinalIgnoreCase) ? type : "video/mp4");
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (ShotVideoException or OperationGoneException) && !cancellationToken.IsCancellationRequested)
        {
            throw _errors.FromException(VeoStep.Download, ex, operation.Name);
        }
    }

    /// <summary>The error for a response that is not 2xx: retryable (408, 429, 5xx) or final; the body is read up to the JSON cap.</summary>
    private async Task<Exception> FailureAsync(VeoStep step, HttpResponseMessage response, string? operationName, string? host, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            using var body = await PooledBody.ReadAsync(response.Content, PooledBody.DefaultMaxBytes, cancellationToken).ConfigureAwait(false);
            text = body.ToText();
        }
        catch (ShotVideoException)
        {
            text = "";
        }

        var error = GoogleErrorBody.TryParse(text);
        var status = response.StatusCode;
        return status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500
            ? new VeoTransientStatusException(status, RetryAfter(response), error, text)
            : _errors.FromStatus(step, status, error, text, operationName, host);
    }

    private JsonDocument ParseJson(VeoStep step, PooledBody body)
    {
        try
        {
            return JsonDocument.Parse(body.Memory);
        }
        catch (JsonException)
        {
            throw _errors.Unexpected(step, "a body that is not JSON");
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    public void Dispose()
    {
        _api.Dispose();
        _start.Dispose();
    }
}
