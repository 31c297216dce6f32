-- ShotVideo's start pacing: one row per Veo start quota. Google counts start requests (predictLongRunning) per project
-- (Gemini API: per key's project; Vertex AI: per project, region and base model) and model, so every worker on every
-- machine that uses the same quota takes its start slots from the same row, and N workers together stay under the rate.
-- The row is a GCRA (virtual scheduling) token bucket whose rate and burst are learned from 429 answers. Taking a slot,
-- recording an accepted start and recording a refusal are each one statement on this row (the row lock lasts that
-- statement only; no session state), so this works through a transaction pooler.
create table if not exists public.shot_video_start_pacing (
  -- backend:project-or-key:model, e.g. 'vertex-ai:my-project/us-central1:veo-3.1-generate-001' or
  -- 'gemini-api:key-3f2a9c1b7e4d:veo-3.1-generate-preview'. An API key never appears: only a short SHA-256 fingerprint.
  quota_key text primary key,
  -- StartsPerMinute as the last worker configured it: the ceiling the learned rate climbs back to.
  configured_per_minute double precision not null check (configured_per_minute > 0),
  -- The learned rate: lowered (×0.7) when the quota refuses although we waited for it, raised a little per accepted start.
  rate_per_minute double precision not null check (rate_per_minute > 0),
  -- The learned burst in slots: lowered when the quota refuses inside a burst, raised a little per accepted start.
  burst double precision not null check (burst >= 1),
  -- GCRA theoretical arrival time: the bucket is full (a whole burst may go) once the clock has reached it.
  theoretical_arrival_at timestamptz not null,
  -- After a 429 nobody starts before this (Google's RetryInfo delay, else until the bucket has refilled).
  paused_until timestamptz,
  -- Slots granted since the last counted refusal: tells a refusal inside a burst from one at the end of a quota window.
  granted_since_refusal integer not null default 0 check (granted_since_refusal >= 0),
  -- Accepted starts since the last counted refusal: a refusal inside a burst lowers the burst to this.
  accepted_since_refusal integer not null default 0 check (accepted_since_refusal >= 0),
  -- Counted refusals since the last accepted start; while above 0 slots go one at a time (a probe), without a burst.
  refusal_streak integer not null default 0 check (refusal_streak >= 0),
  -- When the current run of refusals began (null after an accepted start): a run fails for quota when it lasts too long.
  refused_since timestamptz,
  last_refused_at timestamptz,
  -- What the last take answered: the slot it granted, or when to ask again.
  last_take_granted boolean not null default false,
  last_take_at timestamptz,
  granted_count bigint not null default 0,
  accepted_count bigint not null default 0,
  refused_count bigint not null default 0,
  updated_at timestamptz not null default timezone('utc', now())
);
