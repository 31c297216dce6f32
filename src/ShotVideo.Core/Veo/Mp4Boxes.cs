using System.Buffers.Binary;
using System.Globalization;

namespace ShotVideo.Veo;

/// <summary>
/// Checks a clip's ISO BMFF box structure (ISO/IEC 14496-12): the top-level boxes must cover the clip exactly, the
/// first must be <c>ftyp</c>, there must be a <c>moov</c> and an <c>mdat</c>, and the movie must have a track whose
/// <c>mdia/hdlr</c> handler is <c>vide</c>. Written by hand because MetadataExtractor reads the <c>moov</c> box and
/// does not verify that the boxes cover the file: a faststart clip (<c>moov</c> first) cut off inside its <c>mdat</c>
/// reads as whole there, and no package these machines reach checks box sizes against a length. Only box headers
/// (and the few bytes of <c>hdlr</c>) are read, by seeking, so a large clip costs a handful of small reads.
/// </summary>
internal static class Mp4Boxes
{
    /// <summary>Returns null when the <paramref name="length"/> bytes from <paramref name="start"/> are a whole MP4 with a video track, else the failed inspection.</summary>
    public static Mp4Inspection? FindProblem(Stream clip, long start, long length)
    {
        var reader = new Reader(clip, start);
        if (length < 8 || reader.TypeAt(0) != "ftyp")
        {
            return Mp4Inspection.Failed(Mp4ProblemKind.NotMp4, length == 0 ? "it is empty" : "it does not start like an MP4 file");
        }

        var top = new List<Box>();
        for (long offset = 0; offset < length;)
        {
            var box = reader.Read(offset, length, out string? problem);
            if (box is null)
            {
                return Mp4Inspection.Failed(Mp4ProblemKind.Incomplete, problem!);
            }

            if (box.Value.Type == "ftyp" && offset > 0)
            {
                // A second file type box means something was appended (or two downloads were joined).
                return Mp4Inspection.Failed(Mp4ProblemKind.Incomplete, Text($"a second 'ftyp' box starts at byte {offset:N0}"));
            }

            top.Add(box.Value);
            offset = box.Value.End;
        }

        if (!top.Exists(b => b.Type == "moov"))
        {
            return Mp4Inspection.Failed(Mp4ProblemKind.Incomplete, "it has no movie box ('moov')");
        }

        if (!top.Exists(b => b.Type == "mdat"))
        {
            return Mp4Inspection.Failed(Mp4ProblemKind.Incomplete, "it has no media data box ('mdat')");
        }

        bool video = false;
        foreach (var moov in top.Where(b => b.Type == "moov"))
        {
            var children = new List<Box>();
            if (reader.Children(moov, children) is { } moovProblem)
            {
                return Mp4Inspection.Failed(Mp4ProblemKind.Incomplete, moovProblem);
            }

            foreach (var trak in children.Where(b => b.Type == "trak"))
            {
                var handler = reader.HandlerOf(trak, out string? trakProblem);
                if (trakProblem is not null)
                {
                    return Mp4Inspection.Failed(Mp4ProblemKind.Incomplete, trakProblem);
                }

                video |= handler == "vide";
            }
        }

        return video ? null : Mp4Inspection.Failed(Mp4ProblemKind.NoVideoTrack, "it has no video track (no 'trak' whose handler is 'vide')");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A box: its four-character type, where it starts (relative to the clip) and its header and total sizes.</summary>
    private readonly record struct Box(string Type, long Start, int HeaderSize, long Size)
    {
        public long PayloadStart => Start + HeaderSize;

        public long End => Start + Size;
    }

    private sealed class Reader(Stream clip, long start)
    {
        private readonly byte[] _buffer = new byte[16];

        public string? TypeAt(long offset) => Fill(offset, 8) == 8 ? FourCc(_buffer.AsSpan(4, 4)) : null;

        /// <summary>Reads the header of the box at <paramref name="offset"/>, which must end by <paramref name="end"/>; null and a reason when it cannot.</summary>
        public Box? Read(long offset, long end, out string? problem)
        {
            long left = end - offset;
            int got = Fill(offset, (int)Math.Min(16, left));
            if (got < 8)
            {
                problem = Text($"the last {left:N0} bytes, from byte {offset:N0}, are too few for a box header");
                return null;
            }

            string? type = FourCc(_buffer.AsSpan(4, 4));
            if (type is null)
            {
                problem = Text($"the {left:N0} bytes from byte {offset:N0} are not a box");
                return null;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(_buffer);
            int header = 8;
            if (size == 1)
            {
                // 64-bit "largesize" right after the type.
                if (got < 16)
                {
                    problem = Text($"the file ends inside the header of the '{type}' box at byte {offset:N0}");
                    return null;
                }

                ulong large = BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(8));
                size = large > long.MaxValue ? long.MaxValue : (long)large;
                header = 16;
            }
            else if (size == 0)
            {
                // Size 0: the box runs to the end of its container (at top level, the end of the file).
                size = left;
            }

            if (size < header)
            {
                problem = Text($"the '{type}' box at byte {offset:N0} declares an impossible size of {size:N0} bytes");
                return null;
            }

            if (size > left)
            {
                problem = Text($"the '{type}' box at byte {offset:N0} declares {size:N0} bytes but only {left:N0} are there");
                return null;
            }

            problem = null;
            return new Box(type, offset, header, size);
        }

        /// <summary>Lists the boxes inside <paramref name="parent"/>; a reason when they do not fill it exactly.</summary>
        public string? Children(Box parent, List<Box> children)
        {
            for (long offset = parent.PayloadStart; offset < parent.End;)
            {
                var box = Read(offset, parent.End, out string? problem);
                if (box is null)
                {
                    return $"inside the '{parent.Type}' box, {problem}";
                }

                children.Add(box.Value);
                offset = box.Value.End;
            }

            return null;
        }

        /// <summary>The handler type in <c>trak/mdia/hdlr</c> (e.g. <c>vide</c>, <c>soun</c>), or null when the track has none.</summary>
        public string? HandlerOf(Box trak, out string? problem)
        {
            var trakChildren = new List<Box>();
            if ((problem = Children(trak, trakChildren)) is not null)
            {
                return null;
            }

            foreach (var mdia in trakChildren.Where(b => b.Type == "mdia"))
            {
                var mdiaChildren = new List<Box>();
                if ((problem = Children(mdia, mdiaChildren)) is not null)
                {
                    return null;
                }

                int hdlr = mdiaChildren.FindIndex(b => b.Type == "hdlr");
                // hdlr is a FullBox: version and flags (4 bytes), pre_defined (4), then handler_type (4).
                if (hdlr >= 0 && mdiaChildren[hdlr].Size - mdiaChildren[hdlr].HeaderSize >= 12 && Fill(mdiaChildren[hdlr].PayloadStart, 12) == 12)
                {
                    return FourCc(_buffer.AsSpan(8, 4));
                }
            }

            return null;
        }

        private int Fill(long offset, int count)
        {
            clip.Position = start + offset;
            return clip.ReadAtLeast(_buffer.AsSpan(0, count), count, throwOnEndOfStream: false);
        }

        /// <summary>A box type: four printable ASCII characters; anything else (e.g. zeros) is not a box.</summary>
        private static string? FourCc(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
            {
                if (b is < 0x20 or > 0x7E)
                {
                    return null;
                }
            }

            return System.Text.Encoding.ASCII.GetString(bytes);
        }
    }
}
