using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ShotVideo.Testing.FakeVeo;

namespace ShotVideo.Tests.Veo;

/// <summary>The fake is only useful if it refuses what Google refuses: raw requests against its rules.</summary>
public sealed class FakeVeoServiceTests : IAsyncLifetime
{
    private const string Image = """{"image":{"bytesBase64Encoded":"iVBORw0KGgo=","mimeType":"image/png"},"referenceType":"asset"}""";
    private FakeVeoService _fake = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _fake = await FakeVeoService.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    private const string Standard = """ "aspectRatio":"16:9","resolution":"1080p","durationSeconds":8,"sampleCount":1,"personGeneration":"allow_adult" """;

    private static string Body(string instanceExtra = "", string parameters = Standard) =>
        "{\"instances\":[{\"prompt\":\"a lighthouse\"" + instanceExtra + "}],\"parameters\":{" + parameters + "}}";

    private async Task<(HttpStatusCode Status, string Body)> PostGeminiAsync(string body, string? key = "default", string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fake.GeminiBaseUrl, "models/veo-3.1-generate-preview:predictLongRunning" + query))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("x-goog-api-key", key == "default" ? _fake.Options.ApiKey : key);
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, string Body)> PostVertexAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(_fake.VertexBaseUrl, "projects/p/locations/us-central1/publishers/google/models/veo-3.1-generate-001:predictLongRunning"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _fake.Options.VertexToken);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Accepts_the_documented_body()
    {
        var (status, body) = await PostGeminiAsync(Body(",\"referenceImages\":[" + Image + "]"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("models/veo-3.1-generate-preview/operations/", (string?)JsonNode.Parse(body)!["name"]);
    }

    public static TheoryData<string, string, string> GeminiRejections() => new()
    {
        { "inlineData", Body(""","referenceImages":[{"image":{"inlineData":{"data":"iVBORw0KGgo=","mimeType":"image/png"}},"referenceType":"asset"}]"""), "inlineData" },
        { "string duration", Body(parameters: """ "durationSeconds":"8" """), "duration_seconds" },
        { "references under parameters", Body(parameters: " \"durationSeconds\":8,\"referenceImages\":[" + Image + "] "), "referenceImages" },
        { "four references", Body(",\"referenceImages\":[" + Image + "," + Image + "," + Image + "," + Image + "]"), "At most 3" },
        { "generateAudio", Body(parameters: """ "durationSeconds":8,"generateAudio":false """), "generateAudio" },
        { "numberOfVideos", Body(parameters: """ "durationSeconds":8,"numberOfVideos":1 """), "numberOfVideos" },
        { "allow_all with references", Body(",\"referenceImages\":[" + Image + "]", """ "durationSeconds":8,"personGeneration":"allow_all" """), "allow_adult" },
        { "short clip with references", Body(",\"referenceImages\":[" + Image + "]", """ "durationSeconds":4,"resolution":"720p" """), "8 seconds" },
        { "STYLE reference", Body(""","referenceImages":[{"image":{"bytesBase64Encoded":"iVBORw0KGgo=","mimeType":"image/png"},"referenceType":"STYLE"}]"""), "STYLE" },
        { "no prompt", """{"instances":[{}],"parameters":{}}""", "prompt" },
    };

    [Theory]
    [MemberData(nameof(GeminiRejections))]
    public async Task Rejects_what_veo_api_md_says_is_rejected(string _, string body, string expected)
    {
        var (status, text) = await PostGeminiAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal(400, (int)error["code"]!);
        Assert.Equal("INVALID_ARGUMENT", (string?)error["status"]);
        Assert.Contains(expected, (string?)error["message"]);
        Assert.Empty(_fake.Operations);
        Assert.Equal(1, _fake.Requests.StartCount);
    }

    [Fact]
    public async Task Vertex_accepts_generateAudio_but_rejects_portrait_with_references()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostVertexAsync(Body(parameters: """ "durationSeconds":8,"generateAudio":false """))).Status);
        var (status, text) = await PostVertexAsync(Body(",\"referenceImages\":[" + Image + "]", """ "aspectRatio":"9:16","durationSeconds":8,"personGeneration":"allow_adult" """));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("9:16", text);
    }

    [Fact]
    public async Task Authentication_is_checked_like_Google_and_a_key_in_the_url_is_refused()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await PostGeminiAsync(Body(), key: null)).Status);

        var (wrongStatus, wrongBody) = await PostGeminiAsync(Body(), key: "not-the-key");
        Assert.Equal(HttpStatusCode.BadRequest, wrongStatus);
        Assert.Contains("API_KEY_INVALID", wrongBody);

        var (urlStatus, urlBody) = await PostGeminiAsync(Body(), key: null, query: "?key=" + _fake.Options.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, urlStatus);
        Assert.Contains("x-goog-api-key", urlBody);

        using var vertex = new HttpRequestMessage(HttpMethod.Post,
            new Uri(_fake.VertexBaseUrl, "projects/p/locations/us-central1/publishers/google/models/veo-3.1-generate-001:predictLongRunning"))
        {
            Content = new StringContent(Body(), Encoding.UTF8, "application/json"),
        };
        using var vertexResponse = await _http.SendAsync(vertex);
        Assert.Equal(HttpStatusCode.Unauthorized, vertexResponse.StatusCode);
        Assert.Empty(_fake.Operations);
    }

    [Fact]
    public async Task Records_every_request_with_headers_and_body_and_counts_starts_under_concurrency()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostGeminiAsync(Body())));

        Assert.Equal(20, _fake.Requests.StartCount);
        Assert.Equal(20, _fake.Operations.Count);
        Assert.Equal(20, _fake.Operations.Select(o => o.Name).Distinct().Count());
        var first = _fake.Requests.Of(FakeVeoEndpoint.Start)[0];
        Assert.Equal(_fake.Options.ApiKey, first.Header("X-Goog-Api-Key"));
        Assert.Equal("a lighthouse", (string?)JsonNode.Parse(first.Body)!["instances"]![0]!["prompt"]);
    }

    [Fact]
    public async Task Padded_clips_are_valid_MP4s_of_the_exact_size()
    {
        var clip = FakeVeoClip.Padded(300_000);
        using var stream = new MemoryStream();
        await clip.WriteToAsync(stream, CancellationToken.None);
        Assert.Equal(300_000, stream.Length);
        stream.Position = 0;
        Assert.Equal(1920, ShotVideo.Veo.Mp4Inspector.Inspect(stream, "padded").Width);
    }

    private async Task<FakeVeoOperation> StartGeminiOperationAsync()
    {
        var (status, body) = await PostGeminiAsync(Body());
        Assert.Equal(HttpStatusCode.OK, status);
        return _fake.FindOperation((string)JsonNode.Parse(body)!["name"]!)!;
    }

    private Task<HttpResponseMessage> GetGeminiAsync(string relative)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fake.GeminiBaseUrl, relative));
        request.Headers.Add("x-goog-api-key", _fake.Options.ApiKey);
        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private Task<HttpResponseMessage> DownloadAsync(FakeVeoOperation operation) => GetGeminiAsync($"files/{operation.Id}:download?alt=media");

    [Fact]
    public async Task A_body_ended_early_is_chunked_and_ends_cleanly_after_two_thirds_of_the_clip()
    {
        var operation = await StartGeminiOperationAsync();
        _fake.Script.Enqueue(FakeVeoEndpoint.Download, FakeVeoFault.EndBodyEarly());

        using var response = await DownloadAsync(operation);
        long? declared = response.Content.Headers.ContentLength; // read before the body: HttpClient fills it in from a buffered body
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var clip = VeoTestKit.StubClipBytes();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(declared);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal(clip[..(int)(clip.Length * 2.0 / 3)], bytes);
    }

    [Fact]
    public async Task A_short_body_declares_a_Content_Length_that_matches_it()
    {
        var operation = await StartGeminiOperationAsync();
        _fake.Script.Enqueue(FakeVeoEndpoint.Download, FakeVeoFault.ShortBodyWithMatchingLength());

        using var response = await DownloadAsync(operation);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var clip = VeoTestKit.StubClipBytes();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(clip.Length / 2, response.Content.Headers.ContentLength);
        Assert.Equal(clip[..(clip.Length / 2)], bytes);
    }

    [Fact]
    public async Task An_unreadable_start_answer_is_a_2xx_for_a_job_that_was_created()
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.UnreadableBody())
            .Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.UnreadableBody("<html><body>Gateway</body></html>", "text/html"));

        var (status, body) = await PostGeminiAsync(Body());
        var (htmlStatus, html) = await PostVertexAsync(Body());

        Assert.Equal((HttpStatusCode.OK, "{\"na"), (status, body));
        Assert.Equal((HttpStatusCode.OK, "<html><body>Gateway</body></html>"), (htmlStatus, html));
        Assert.Equal(2, _fake.Operations.Count);
    }

    [Fact]
    public async Task An_unreadable_body_can_end_in_a_dropped_connection()
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.UnreadableBody(dropAfterBody: true));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => PostGeminiAsync(Body()));

        Assert.Single(_fake.Operations);
    }

    [Fact]
    public async Task An_expired_operation_answers_404_NOT_FOUND_though_it_exists()
    {
        var operation = await StartGeminiOperationAsync();
        _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.OperationExpired());

        using var expired = await GetGeminiAsync(operation.Name);
        using var later = await GetGeminiAsync(operation.Name);

        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal("NOT_FOUND", (string?)JsonNode.Parse(await expired.Content.ReadAsStringAsync())!["error"]!["status"]);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task A_429_can_ask_to_wait_an_hour()
    {
        _fake.Script.Enqueue(FakeVeoEndpoint.Start, FakeVeoFault.TooManyRequests(TimeSpan.FromHours(1)));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fake.GeminiBaseUrl, "models/veo-3.1-generate-preview:predictLongRunning"))
        {
            Content = new StringContent(Body(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-goog-api-key", _fake.Options.ApiKey);
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3600), response.Headers.RetryAfter?.Delta);
        Assert.Equal("RESOURCE_EXHAUSTED", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["status"]);
        Assert.Empty(_fake.Operations);
    }

    [Fact]
    public async Task A_download_can_be_forbidden()
    {
        var operation = await StartGeminiOperationAsync();
        _fake.Script.Enqueue(FakeVeoEndpoint.Download, FakeVeoFault.Forbidden());

        using var response = await DownloadAsync(operation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["status"]);
    }

    [Fact]
    public async Task A_slow_body_sends_its_headers_at_once_and_its_bytes_over_the_given_time()
    {
        var over = TimeSpan.FromSeconds(1.5);
        var operation = await StartGeminiOperationAsync();
        _fake.Script.Enqueue(FakeVeoEndpoint.Download, FakeVeoFault.SlowBody(over));
        var clock = Stopwatch.StartNew();

        using var response = await DownloadAsync(operation);
        var headers = clock.Elapsed;
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var body = clock.Elapsed;

        Assert.True(headers < over / 2, $"headers took {headers}");
        Assert.True(body >= over * 0.9, $"the body came in {body}");
        Assert.Equal(VeoTestKit.StubClipBytes().Length, response.Content.Headers.ContentLength);
        Assert.Equal(VeoTestKit.StubClipBytes(), bytes);
    }

    [Fact]
    public async Task A_slow_poll_answer_is_still_the_operation()
    {
        var operation = await StartGeminiOperationAsync();
        _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.SlowBody(TimeSpan.FromMilliseconds(400)));
        var clock = Stopwatch.StartNew();

        using var response = await GetGeminiAsync(operation.Name);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(360), $"the answer came in {clock.Elapsed}");
        Assert.Equal(operation.Name, (string?)json["name"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_large_poll_answer_is_valid_JSON_of_the_given_size(bool declaresLength)
    {
        const int size = 1024 * 1024 + 4321;
        var operation = await StartGeminiOperationAsync();
        _fake.Script.Enqueue(FakeVeoEndpoint.Poll, FakeVeoFault.LargeBody(size, declaresLength));

        using var response = await GetGeminiAsync(operation.Name);
        long? declared = response.Content.Headers.ContentLength;
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(declaresLength ? size : null, declared);
        Assert.Equal(size, bytes.Length);
        Assert.False((bool)JsonNode.Parse(bytes)!["done"]!);
    }
}
