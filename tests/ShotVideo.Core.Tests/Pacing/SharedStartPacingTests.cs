using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ShotVideo.Database;
using ShotVideo.Pacing;
using ShotVideo.Testing.Postgres;
using ShotVideo.Tests.Support;
using static ShotVideo.Tests.Pacing.PacingTestKit;

namespace ShotVideo.Tests.Pacing;

/// <summary>
/// The bucket shared through the database: the SQL does the local arithmetic's sums, workers with their own connections
/// (as separate processes have) together stay under the rate, a refusal seen by one slows the others, and all of it
/// works through PgBouncer in transaction mode.
/// </summary>
public sealed class SharedStartPacingTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // 600 starts a minute: a 100 ms interval keeps these tests short.
    private static readonly StartPacingOptions Fast = new() { StartsPerMinute = 600, Burst = 5 };
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private static string NewKey() => $"test:{Guid.NewGuid():N}:model";

    [Fact]
    public async Task TheSqlAndTheLocalArithmeticGiveTheSameAnswers()
    {
        var time = new FakeTimeProvider(Start);
        var sql = new DatabaseStartSlotStore(fixture.Database, time.GetUtcNow);
        var local = new LocalStartSlotStore(time);
        var p = new PacingParameters(new StartPacingOptions { StartsPerMinute = 60, Burst = 3 });
        string key = NewKey();
        var readings = new List<(string Step, PacingReading Sql, PacingReading Local)>();

        async Task<PacingReading> Both(string step, Func<IStartSlotStore, Task<PacingReading>> act)
        {
            var fromSql = await act(sql);
            var fromLocal = await act(local);
            readings.Add((step, fromSql, fromLocal));
            return fromLocal;
        }

        Task<PacingReading> Take(string step) => Both(step, store => store.TakeAsync(key, p, default));
        Task<PacingReading> Accept(string step) => Both(step, store => store.AcceptAsync(key, p, default));
        Task<PacingReading> Refuse(string step, PacingReading slot, TimeSpan? delay = null) =>
            Both(step, store => store.RefuseAsync(key, p, slot.At, delay, default));
        void Advance(double seconds) => time.Advance(TimeSpan.FromSeconds(seconds));

        await Take("burst 1");
        await Take("burst 2");
        await Take("burst 3");
        var due = await Take("paced, not yet");
        time.Advance(due.At - time.GetUtcNow());
        var paced = await Take("paced");
        Advance(0.01);
        var windowEnd = await Refuse("refused after more than a burst", paced);
        await Take("paused");
        time.Advance(windowEnd.PausedUntil!.Value - time.GetUtcNow());
        var probe = await Take("probe");
        await Take("nothing beside the probe");
        Advance(0.005);
        await Accept("probe accepted");
        var early = await Take("burst back 1");
        var inBurst = await Take("burst back 2");
        Advance(0.02);
        var burstRefusal = await Refuse("refused inside the burst", inBurst);
        Advance(0.005);
        await Refuse("stale", early);
        var next = await Take("after the burst refusal");
        time.Advance(next.At - time.GetUtcNow());
        var probe2 = await Take("probe 2");
        Advance(0.01);
        await Refuse("probe refused, Google asks 7 s", probe2, TimeSpan.FromSeconds(7));
        Advance(7);
        var probe3 = await Take("probe 3");
        Advance(0.01);
        await Refuse("probe refused again", probe3);
        for (int i = 0; i < 12; i++)
        {
            Advance(0.7);
            if ((await Take($"climb {i}")).Granted)
            {
                await Accept($"climb {i} accepted");
            }
        }

        var last = await Take("before a lapse");
        if (last.Granted)
        {
            Advance(0.01);
            await Refuse("refused before a lapse", last);
        }

        Advance(180);
        var afterLapse = await Take("three minutes later");
        Advance(0.01);
        await Refuse("a new run of refusals", afterLapse);

        Assert.Equal(42, burstRefusal.RatePerMinute, 9);
        Assert.True(probe.Granted);
        var micro = TimeSpan.FromTicks(20 * TimeSpan.TicksPerMicrosecond);
        Assert.All(readings, r =>
        {
            Assert.True(r.Sql.Granted == r.Local.Granted, $"{r.Step}: granted {r.Sql.Granted} in SQL, {r.Local.Granted} locally");
            Assert.True((r.Sql.At - r.Local.At).Duration() <= micro, $"{r.Step}: at {r.Sql.At:O} in SQL, {r.Local.At:O} locally");
            Assert.True(Math.Abs(r.Sql.RatePerMinute - r.Local.RatePerMinute) < 1e-9, $"{r.Step}: rate {r.Sql.RatePerMinute} in SQL, {r.Local.RatePerMinute} locally");
            Assert.True(Math.Abs(r.Sql.Burst - r.Local.Burst) < 1e-9, $"{r.Step}: burst {r.Sql.Burst} in SQL, {r.Local.Burst} locally");
            Assert.True(r.Sql.RefusalStreak == r.Local.RefusalStreak, $"{r.Step}: streak {r.Sql.RefusalStreak} in SQL, {r.Local.RefusalStreak} locally");
            Assert.True(
                (r.Sql.PausedUntil ?? default) - (r.Local.PausedUntil ?? default) is var d && d.Duration() <= micro,
                $"{r.Step}: paused until {r.Sql.PausedUntil:O} in SQL, {r.Local.PausedUntil:O} locally");
            Assert.True(
                r.Sql.RefusedSince.HasValue == r.Local.RefusedSince.HasValue
                && ((r.Sql.RefusedSince ?? default) - (r.Local.RefusedSince ?? default)).Duration() <= micro,
                $"{r.Step}: refused since {r.Sql.RefusedSince:O} in SQL, {r.Local.RefusedSince:O} locally");
        });
    }

    [Fact]
    public async Task FourWorkersWithTheirOwnConnectionsTogetherStayUnderTheRate()
    {
        var databases = Enumerable.Range(0, 4).Select(_ => StoryDatabase.Open(DatabaseSettings.Parse(fixture.ConnectionString))).ToList();
        try
        {
            string key = NewKey();
            var slots = await TakeSlotsAsync(databases, key, total: 40);

            AssertUnderTheRate(slots.Select(s => s.At).ToList(), Fast.Burst);
            Assert.Equal(40, slots.Count);
            Assert.Equal(4, slots.Select(s => s.Worker).Distinct().Count());
            Assert.Equal(40L, await CountAsync(fixture.ConnectionString, key, "granted_count"));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ARefusalRecordedByOneWorkerSlowsTheOthers()
    {
        await using var first = StoryDatabase.Open(DatabaseSettings.Parse(fixture.ConnectionString));
        await using var second = StoryDatabase.Open(DatabaseSettings.Parse(fixture.ConnectionString));
        string key = NewKey();
        var observer = new RecordingPacingObserver();
        // One start a second, so the pause (1.79 s) is far longer than anything the machine might add.
        var options = new StartPacingOptions { StartsPerMinute = 60, Burst = 5 };
        var a = new StartPacer(key, options, first);
        var b = new StartPacer(key, options, second, observer);
        await second.RunAsync(_ => Task.FromResult(0), default);

        var slotA = await a.WaitForSlotAsync(default);
        var refusal = await a.RefusedAsync(slotA, null, default);
        var slotB = await b.WaitForSlotAsync(default);

        // Refused inside the burst: the shared rate drops to 42/min and nobody starts for 1.25 intervals at that rate.
        var pause = TimeSpan.FromSeconds(60 / 42.0 * 1.25);
        Assert.Equal(42, refusal.RatePerMinute, 9);
        Assert.Equal(42, b.CurrentRatePerMinute, 9);
        Assert.True(slotB.At - slotA.At >= pause, $"B started {(slotB.At - slotA.At).TotalMilliseconds} ms after A's refused slot");
        Assert.Contains(observer.Waits, w => w.Reason == StartPacingReason.QuotaRefused && Math.Abs(w.RatePerMinute - 42) < 1e-9);
    }

    [Fact]
    public async Task PacingWorksThroughPgBouncerInTransactionMode()
    {
        var server = await PostgresServer.SharedAsync();
        await using var pooler = await TransactionPooler.StartAsync(server);
        var name = new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!;
        var databases = Enumerable.Range(0, 2).Select(_ => StoryDatabase.Open(DatabaseSettings.Parse(pooler.ConnectionString(name)))).ToList();
        try
        {
            string key = NewKey();
            var slots = await TakeSlotsAsync(databases, key, total: 16);
            var pacer = new StartPacer(key, Fast, databases[0]);
            var slot = await pacer.WaitForSlotAsync(default);
            await pacer.RefusedAsync(slot, null, default);
            var probe = await pacer.WaitForSlotAsync(default);
            await pacer.AcceptedAsync(probe, default);

            AssertUnderTheRate(slots.Select(s => s.At).ToList(), Fast.Burst);
            Assert.Equal(2, slots.Select(s => s.Worker).Distinct().Count());
            Assert.True(probe.At > slot.At);
            Assert.Equal((18L, 1L, 1L), (
                await CountAsync(fixture.ConnectionString, key, "granted_count"),
                await CountAsync(fixture.ConnectionString, key, "refused_count"),
                await CountAsync(fixture.ConnectionString, key, "accepted_count")));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    /// <summary>Each database is one worker (one pacer, two shots waiting at a time), as a separate process would be.</summary>
    private static async Task<List<(int Worker, DateTimeOffset At)>> TakeSlotsAsync(IReadOnlyList<StoryDatabase> databases, string key, int total)
    {
        int remaining = total;
        var slots = new ConcurrentQueue<(int Worker, DateTimeOffset At)>();
        await Task.WhenAll(databases.SelectMany((database, worker) =>
        {
            var pacer = new StartPacer(key, Fast, database);
            return Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    var slot = await pacer.WaitForSlotAsync(default);
                    slots.Enqueue((worker, slot.At));
                }
            }));
        }));
        return [.. slots];
    }

    /// <summary>The token bucket's promise: in any stretch of time, at most a burst plus the stretch at the rate.</summary>
    private static void AssertUnderTheRate(List<DateTimeOffset> slots, int burst)
    {
        slots.Sort();
        for (int i = 0; i < slots.Count; i++)
        {
            for (int j = i + 1; j < slots.Count; j++)
            {
                double allowed = burst + ((slots[j] - slots[i]) / Interval) + 1e-3;
                Assert.True(j - i + 1 <= allowed, $"{j - i + 1} slots within {(slots[j] - slots[i]).TotalMilliseconds} ms");
            }
        }
    }

    private static async Task<long> CountAsync(string connectionString, string key, string column)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select {column} from public.shot_video_start_pacing where quota_key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
