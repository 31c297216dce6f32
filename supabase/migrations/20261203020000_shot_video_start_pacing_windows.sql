-- Quotas counted in fixed windows: once a refusal right after a whole burst shows one, a spent burst waits for the bucket
-- to refill instead of going on at the rate (the next start would only find the window full).
alter table public.shot_video_start_pacing
  -- A refusal came right after a whole burst: the quota counts in fixed windows.
  add column if not exists windowed boolean not null default false,
  -- Slots granted since the bucket last refilled (a slot granted at or past the theoretical arrival starts a new burst).
  add column if not exists granted_in_burst integer not null default 0 check (granted_in_burst >= 0);
