-- Takes: every clip ShotVideo stored is kept. The current clip stays at shots.video_file_path; an earlier one lives
-- under the scenelet's takes/ folder, and the attempt that produced each file keeps pointing at it (clip_path moves
-- with the file). Two more facts per attempt:
-- * the SHA-256 of the prompt its start request sent, so takes made from different prompts can be told apart;
-- * when its clip was deleted (Remove-ShotVideoTake): clip_path is cleared then, so a later take never inherits it,
--   while the size, length and cost stay as the record of what was paid for.
alter table public.shot_video_jobs
  add column if not exists prompt_sha256 text,
  add column if not exists clip_removed_at timestamptz;
