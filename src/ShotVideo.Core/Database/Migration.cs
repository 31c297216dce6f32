namespace ShotVideo.Database;

/// <summary>One file of <c>supabase/migrations</c>: its file name (which orders it) and its SQL.</summary>
internal sealed record Migration(string Name, string Sql);
