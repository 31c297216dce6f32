using System.Diagnostics;
using System.Net;
using System.Text;
using ShotVideo.Pacing;
using ShotVideo.Testing.FakeVeo;
using ShotVideo.Tests.Support;

namespace ShotVideo.Tests.Pacing;

/// <summary>
/// The limiter in front of real HTTP start requests to the fake Veo service with a fixed-window quota: every shot gets
/// started, the 429s stay few, and a refused start is simply sent again.
/// </summary>
public sealed class PacedStartsOverHttpTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Body =
        """{"instances":[{"prompt":"a lighthouse"}],"parameters":{"aspectRatio":"16:9","resolution":"1080p","durationSeconds":8,"sampleCount":1,"personGeneration":"allow_adult"}}""";

    [Fact]
    public async Task FortyStartsAgainstTenPerSecondAllGetThroughWithFewRefusals()
    {
        await using var veo = await FakeVeoService.StartAsync();
        using var http = new HttpClient();
        var start = new Uri(veo.VertexBaseUrl, "projects/p/locations/us-central1/publishers/google/models/veo-3.1-generate-001:predictLongRunning");
        HttpRequestMessage Start()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, start) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", veo.Options.VertexToken);
            return request;
        }

        // Open the eight connections and run both ends' code once before the quota counts: at 100 ms an interval, a cold
        // connection's first request would arrive after the slots that followed it.
        const int Workers = 8;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            using var request = Start();
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));

        veo.Quota = new FakeVeoQuota(10, TimeSpan.FromSeconds(1));
        var pacer = new StartPacer(StartQuotaKey.ForVertexAi("p", "us-central1", $"veo-{Guid.NewGuid():N}"), new StartPacingOptions { StartsPerMinute = 600 }, fixture.Database);
        int nextShot = 0;
        var started = new System.Collections.Concurrent.ConcurrentBag<int>();
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            for (int shot = Interlocked.Increment(ref nextShot); shot <= 40; shot = Interlocked.Increment(ref nextShot))
            {
                while (true)
                {
                    var slot = await pacer.WaitForSlotAsync(default);
                    using var request = Start();
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        await pacer.AcceptedAsync(slot, default);
                        started.Add(shot);
                        break;
                    }

                    Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                    var refusal = await pacer.RefusedAsync(slot, GoogleRetryInfo.TryGetRetryDelay(await response.Content.ReadAsStringAsync()), default);
                    Assert.False(refusal.QuotaRefusedTooLong);
                }
            }
        })));
        watch.Stop();

        var quota = veo.Quota;
        Assert.Equal(Enumerable.Range(1, 40), started.Order());
        Assert.Equal((40, 40 + Workers), (quota.Accepted, veo.Operations.Count));
        // Typically 3 (one per window the run fills: the probe that finds it used up). The bench's 10 % is at 600 ms
        // intervals; at 100 ms a loaded machine can take a whole interval to answer the first refusal, so a start or two
        // more may already be on its way: 15 % here.
        Assert.True(quota.Refused <= 0.15 * quota.Decisions.Count, $"{quota.Refused} of {quota.Decisions.Count} start requests refused: "
            + string.Join(", ", quota.Decisions.Select(d => $"{d.SinceFirst.TotalMilliseconds:0}{(d.Accepted ? "" : " refused")}")));
        // Four windows of ten are needed, so the last start is at least 3 s after the first; anything near 4 s is good.
        Assert.InRange(quota.Decisions.Where(d => d.Accepted).Max(d => d.SinceFirst), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4.5));
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
    }
}
