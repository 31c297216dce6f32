-- The SHA-256 of the clip each attempt stored. Clip files move (Override keeps the earlier clip as a take,
-- Set-ShotVideoTake swaps them), and a crash between a move and its record leaves clip_path naming another file:
-- the hash lets ShotVideo tell which file an attempt made. Attempts recorded before this migration have none.
alter table public.shot_video_jobs
  add column if not exists clip_sha256 text;
