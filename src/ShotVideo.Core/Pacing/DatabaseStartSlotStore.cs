using Npgsql;
using NpgsqlTypes;
using ShotVideo.Database;

namespace ShotVideo.Pacing;

/// <summary>
/// The bucket as a row of <c>shot_video_start_pacing</c>, shared by every worker that uses the same quota. Each step is
/// one statement in one round trip: the row lock lasts that statement only and nothing is kept in the session, so it works
/// through a transaction pooler. Times are the database server's, so the workers' clocks need not agree; each worker
/// only waits the difference the answer names. The arithmetic is <see cref="StartBucket"/>'s, written in SQL.
/// </summary>
internal sealed class DatabaseStartSlotStore(StoryDatabase database, Func<DateTimeOffset>? clock = null) : IStartSlotStore
{
    private const string Returning =
        "returning last_take_granted, last_take_at, updated_at, rate_per_minute, burst, paused_until, refusal_streak, refused_since";

    // Insert a full bucket with its first slot granted now; or, under the row's lock, grant the slot due next when it is
    // due within the lead, else leave the bucket as it is and say when the next one will be.
    private const string TakeSql =
        $"""
        insert into public.shot_video_start_pacing as p
          (quota_key, configured_per_minute, rate_per_minute, burst, theoretical_arrival_at, granted_since_refusal,
           granted_in_burst, last_take_granted, last_take_at, granted_count, updated_at)
        select @key, @configured, @configured, @burst_limit, n.at + make_interval(secs => 60.0 / @configured), 1, 1, true, n.at, 1, n.at
        from (select coalesce(@at, clock_timestamp()) as at) n
        on conflict (quota_key) do update set
          (configured_per_minute, rate_per_minute, burst, theoretical_arrival_at, granted_since_refusal,
           granted_in_burst, last_take_granted, last_take_at, granted_count, updated_at) =
          (select @configured, s.rate, s.burst,
                  case when g.granted then greatest(p.theoretical_arrival_at, g.slot) + s.period else p.theoretical_arrival_at end,
                  p.granted_since_refusal + g.granted::int,
                  case when not g.granted then p.granted_in_burst when g.slot >= p.theoretical_arrival_at then 1 else p.granted_in_burst + 1 end,
                  g.granted,
                  case when g.granted then g.slot else d.due end,
                  p.granted_count + g.granted::int,
                  s.at
           from (select coalesce(@at, clock_timestamp()) as at,
                        least(p.rate_per_minute, @configured) as rate,
                        least(p.burst, @burst_limit::double precision) as burst) b
           cross join lateral (select b.at, b.rate, b.burst, make_interval(secs => 60.0 / b.rate) as period) s
           cross join lateral (
             select greatest(
                      p.theoretical_arrival_at
                        - case when p.refusal_streak = 0 and not (p.windowed and p.granted_in_burst >= floor(s.burst))
                               then (floor(s.burst) - 1) * s.period else interval '0' end,
                      coalesce(p.paused_until, '-infinity'::timestamptz)) as due) d
           cross join lateral (select d.due <= s.at + @lead as granted, greatest(s.at, d.due) as slot) g)
        {Returning}
        """;

    private const string AcceptSql =
        $"""
        update public.shot_video_start_pacing as p set
          rate_per_minute = least(@configured, p.rate_per_minute + @increase),
          burst = least(@burst_limit::double precision, p.burst + @burst_increase),
          refusal_streak = 0,
          refused_since = null,
          accepted_since_refusal = p.accepted_since_refusal + 1,
          accepted_count = p.accepted_count + 1,
          last_take_granted = false,
          last_take_at = coalesce(@at, clock_timestamp()),
          updated_at = coalesce(@at, clock_timestamp())
        where p.quota_key = @key
        {Returning}
        """;

    // A stale refusal (its slot was granted before the last refusal was recorded) only gives its slot back and honours a
    // longer RetryInfo; a counted one also lowers the rate or burst as StartBucket.Refuse explains, and pauses everyone.
    private const string RefuseSql =
        $"""
        update public.shot_video_start_pacing as p set
          (rate_per_minute, burst, paused_until, theoretical_arrival_at, granted_since_refusal, accepted_since_refusal,
           refusal_streak, refused_since, last_refused_at, refused_count, windowed, last_take_granted, last_take_at, updated_at) =
          (select r.rate, r.burst, r.paused,
                  greatest(a.refunded, coalesce(r.paused, '-infinity'::timestamptz)),
                  case when a.stale then p.granted_since_refusal else 0 end,
                  case when a.stale then p.accepted_since_refusal else 0 end,
                  case when a.stale then p.refusal_streak else e.streak + 1 end,
                  case when a.stale then p.refused_since else coalesce(e.since, a.at) end,
                  case when a.stale then p.last_refused_at else a.at end,
                  p.refused_count + 1,
                  p.windowed or (not a.stale and e.streak = 0 and not a.in_burst),
                  false, a.at, a.at
           from (select n.at,
                        p.theoretical_arrival_at - make_interval(secs => 60.0 / p.rate_per_minute) as refunded,
                        p.last_refused_at is not null and @granted_at < p.last_refused_at as stale,
                        p.granted_since_refusal <= floor(p.burst) as in_burst,
                        -- Nobody tried for a while after the last pause ended and a slot passed: a new run of refusals.
                        p.refusal_streak > 0 and (p.paused_until is null
                          or n.at > p.paused_until + @max_pause + make_interval(secs => 60.0 / p.rate_per_minute)) as lapsed
                 from (select coalesce(@at, clock_timestamp()) as at) n) a
           cross join lateral (
             select case when a.lapsed then 0 else p.refusal_streak end as streak,
                    case when a.lapsed then null else p.refused_since end as since) e
           cross join lateral (
             select case when not a.stale and (e.streak >= 1 or a.in_burst)
                         then greatest(@minimum_rate, p.rate_per_minute * @decrease) else p.rate_per_minute end as rate,
                    case when not a.stale and e.streak = 0 and a.in_burst
                         then greatest(1, p.accepted_since_refusal)::double precision else p.burst end as burst) b
           cross join lateral (select make_interval(secs => 60.0 / b.rate) as period) i
           cross join lateral (
             select case when @server_delay is not null then @server_delay
                         when e.streak = 0 then least(@max_pause, greatest(a.refunded - a.at, i.period) + i.period * @margin)
                         else least(@max_pause, i.period * least(@burst_limit::double precision, power(2, e.streak))) end as pause) w
           cross join lateral (
             select b.rate, b.burst,
                    case when a.stale and @server_delay is null then p.paused_until
                         else greatest(coalesce(p.paused_until, '-infinity'::timestamptz), a.at + w.pause) end as paused) r)
        where p.quota_key = @key
        {Returning}
        """;

    public Task<PacingReading> TakeAsync(string quotaKey, PacingParameters parameters, CancellationToken cancellationToken) =>
        RunAsync(TakeSql, quotaKey, parameters, null, null, cancellationToken);

    public Task<PacingReading> AcceptAsync(string quotaKey, PacingParameters parameters, CancellationToken cancellationToken) =>
        RunAsync(AcceptSql, quotaKey, parameters, null, null, cancellationToken);

    public Task<PacingReading> RefuseAsync(
        string quotaKey, PacingParameters parameters, DateTimeOffset grantedAt, TimeSpan? serverRetryDelay, CancellationToken cancellationToken) =>
        RunAsync(RefuseSql, quotaKey, parameters, grantedAt, serverRetryDelay, cancellationToken);

    private Task<PacingReading> RunAsync(
        string sql, string quotaKey, PacingParameters p, DateTimeOffset? grantedAt, TimeSpan? serverRetryDelay, CancellationToken cancellationToken) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                var parameters = command.Parameters;
                parameters.AddWithValue("key", quotaKey);
                parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = clock is null ? DBNull.Value : clock().ToUniversalTime() });
                parameters.AddWithValue("configured", p.ConfiguredPerMinute);
                parameters.AddWithValue("burst_limit", p.BurstLimit);
                parameters.AddWithValue("lead", p.GrantLead);
                parameters.AddWithValue("increase", p.IncreasePerAcceptedStart);
                parameters.AddWithValue("burst_increase", PacingParameters.BurstIncreasePerAcceptedStart);
                parameters.AddWithValue("minimum_rate", p.MinimumPerMinute);
                parameters.AddWithValue("decrease", p.DecreaseFactor);
                parameters.AddWithValue("margin", p.ResumeMargin);
                parameters.AddWithValue("max_pause", p.MaxPause);
                parameters.Add(new NpgsqlParameter("granted_at", NpgsqlDbType.TimestampTz) { Value = grantedAt is { } g ? g.ToUniversalTime() : DBNull.Value });
                parameters.Add(new NpgsqlParameter("server_delay", NpgsqlDbType.Interval) { Value = serverRetryDelay is { } d ? d : DBNull.Value });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    // No row: an accept or refusal for a quota nobody took a slot from (or whose row was deleted).
                    var now = clock?.Invoke() ?? DateTimeOffset.UtcNow;
                    return new PacingReading(false, now, now, p.ConfiguredPerMinute, p.BurstLimit, null, 0, null);
                }

                var updatedAt = reader.GetFieldValue<DateTimeOffset>(2);
                return new PacingReading(
                    reader.GetBoolean(0),
                    reader.IsDBNull(1) ? updatedAt : reader.GetFieldValue<DateTimeOffset>(1),
                    updatedAt,
                    reader.GetDouble(3),
                    reader.GetDouble(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7));
            },
            cancellationToken);
}
