-- The job ledger learns three things:
-- * 'expired': Veo no longer knows the operation (it keeps results about 2 days), so the shot may be generated again;
-- * which process holds a claim (machine, pid and the process's start time, so a reused pid is not mistaken for it):
--   a run on the same machine takes over at once a claim whose process is gone;
-- * what each attempt produced and cost (the clip's size and length, the price of its start request, and warnings
--   such as a clip shorter than asked), so spend and takes can be read from the ledger.
alter table public.shot_video_jobs drop constraint if exists shot_video_jobs_state_check;
alter table public.shot_video_jobs add constraint shot_video_jobs_state_check
  check (state in ('claimed', 'started', 'succeeded', 'filtered', 'failed', 'abandoned', 'expired'));

alter table public.shot_video_jobs
  add column if not exists claimed_host text,
  add column if not exists claimed_pid integer,
  add column if not exists claimed_process_start timestamptz,
  add column if not exists cost_usd numeric(10, 2),
  add column if not exists clip_bytes bigint,
  add column if not exists clip_seconds numeric(8, 3),
  add column if not exists warnings text;
