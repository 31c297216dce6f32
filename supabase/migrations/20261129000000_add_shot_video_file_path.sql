-- ShotVideo: where a shot's clip is stored, relative to the web app's public/ folder. NULL until a clip exists.
alter table public.shots add column if not exists video_file_path text;
