-- ShotVideo's job ledger: one row per generation attempt. The database coordinates every run on every machine, so a
-- clip is never paid for twice (one live attempt per shot) and a paid clip is never lost (the operation name is kept
-- as soon as Veo answers, and a later run resumes it).
create table if not exists public.shot_video_jobs (
  id uuid primary key default gen_random_uuid(),
  story_id uuid not null,
  scenelet_id text not null,
  shot_index integer not null check (shot_index > 0),
  backend text not null,
  model text not null,
  -- claimed: the start request may be on its way; started: Veo answered with operation_name; the rest are settled.
  state text not null check (state in ('claimed', 'started', 'succeeded', 'filtered', 'failed', 'abandoned')),
  operation_name text,
  claimed_by text,
  claimed_at timestamptz not null default timezone('utc', now()),
  heartbeat_at timestamptz not null default timezone('utc', now()),
  started_at timestamptz,
  finished_at timestamptz,
  error_text text,
  clip_path text,
  constraint shot_video_jobs_shot_fkey foreign key (story_id, scenelet_id, shot_index)
    references public.shots (story_id, scenelet_id, shot_index) on delete cascade on update cascade,
  constraint shot_video_jobs_started_has_operation check (state <> 'started' or operation_name is not null),
  constraint shot_video_jobs_settled_has_finish check (state in ('claimed', 'started') or finished_at is not null)
);

-- At most one live attempt per shot: the second claim fails on this index and that worker reports the shot as Claimed.
create unique index if not exists shot_video_jobs_one_live_attempt
  on public.shot_video_jobs (story_id, scenelet_id, shot_index) where state in ('claimed', 'started');

create index if not exists shot_video_jobs_story_idx on public.shot_video_jobs (story_id, scenelet_id, shot_index);
