-- When a claim's start request was handed to the network. A claim can now wait minutes for the start-request quota
-- before it sends anything; if its process dies while waiting, nothing reached Google, and the next run may start the
-- shot anew. Only a claim that got as far as sending (sending_at set, no operation name) may have created a paid job,
-- and stays uncertain.
alter table public.shot_video_jobs add column if not exists sending_at timestamptz;

-- Claims left live by earlier versions may have sent their request: keep them uncertain.
update public.shot_video_jobs set sending_at = claimed_at
where state = 'claimed' and operation_name is null and sending_at is null;
