-- What each attempt's start request sent, kept with the attempt: the prompt text (prompt_sha256 already names it)
-- and the reference images considered, each with its kind, source, path, whether it was sent and the SHA-256 of
-- the bytes sent. The review page shows a take with what made it, and notes when the storyboard or an image has
-- changed since. Attempts recorded before this migration have neither.
alter table public.shot_video_jobs
  add column if not exists prompt_text text,
  add column if not exists sent_references jsonb;
