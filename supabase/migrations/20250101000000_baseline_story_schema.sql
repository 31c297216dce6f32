-- Baseline: the story pipeline's existing schema (stories, scenelets, shots) as production databases already have it.
-- Every statement is guarded so that applying this file to such a database changes nothing.

create extension if not exists pgcrypto;

-- Created only when absent, so an existing production definition is never rewritten.
do $$
begin
  if not exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where n.nspname = 'public' and p.proname = 'set_current_timestamp_updated_at') then
    create function public.set_current_timestamp_updated_at()
    returns trigger
    language plpgsql
    as $fn$
    begin
      new.updated_at := timezone('utc', now());
      return new;
    end;
    $fn$;
  end if;
end;
$$;

create table if not exists public.stories (
  id uuid primary key default gen_random_uuid(),
  display_name text not null check (length(trim(display_name)) > 0),
  display_name_upper text generated always as (upper(display_name)) stored,
  initial_prompt text not null,
  story_constitution jsonb,
  visual_design_document jsonb,
  audio_design_document jsonb,
  visual_reference_package jsonb,
  created_at timestamptz not null default timezone('utc', now()),
  updated_at timestamptz not null default timezone('utc', now())
);

create index if not exists stories_display_name_upper_idx on public.stories (display_name_upper);

create table if not exists public.scenelets (
  id uuid primary key default gen_random_uuid(),
  story_id uuid not null references public.stories (id) on delete cascade,
  parent_id uuid references public.scenelets (id) on delete cascade,
  choice_label_from_parent text,
  choice_prompt text,
  content jsonb not null,
  is_branch_point boolean not null default false,
  is_terminal_node boolean not null default false,
  branch_audio_file_path text,
  created_at timestamptz default timezone('utc', now())
);

create index if not exists scenelets_story_id_idx on public.scenelets (story_id);
create index if not exists scenelets_parent_id_idx on public.scenelets (parent_id);

create table if not exists public.shots (
  id uuid primary key default gen_random_uuid(),
  story_id uuid not null references public.stories (id) on delete cascade,
  scenelet_ref uuid not null references public.scenelets (id) on delete cascade,
  scenelet_id text not null,
  scenelet_sequence integer not null check (scenelet_sequence > 0),
  shot_index integer not null check (shot_index > 0),
  storyboard_payload jsonb not null,
  key_frame_image_path text,
  audio_file_path text,
  created_at timestamptz not null default timezone('utc', now()),
  updated_at timestamptz not null default timezone('utc', now()),
  constraint shots_story_scenelet_shot_key unique (story_id, scenelet_id, shot_index)
);

create index if not exists shots_scenelet_ref_idx on public.shots (scenelet_ref);
create index if not exists shots_story_scenelet_idx on public.shots (story_id, scenelet_id);

-- A table that already has a trigger calling the function (whatever its name) keeps it; otherwise one is added.
do $$
declare
  target text;
begin
  foreach target in array array['stories', 'shots'] loop
    if not exists (select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                   where t.tgrelid = ('public.' || target)::regclass
                     and p.proname = 'set_current_timestamp_updated_at') then
      execute format('create trigger set_%1$s_updated_at before update on public.%1$I '
                     'for each row execute function public.set_current_timestamp_updated_at()', target);
    end if;
  end loop;
end;
$$;
