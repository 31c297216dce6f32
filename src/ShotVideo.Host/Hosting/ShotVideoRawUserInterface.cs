using System.Management.Automation.Host;

namespace ShotVideo.Host.Hosting;

/// <summary>
/// The raw console as far as a line-oriented host has one: its width decides how wide Format-Table and Out-Default
/// lay out output (the terminal's width, or 120 columns when output goes to a file or pipe). Screen-buffer operations
/// are not available.
/// </summary>
internal sealed class ShotVideoRawUserInterface(TextWriter output) : PSHostRawUserInterface
{
    private const int RedirectedWidth = 120;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override Size BufferSize
    {
        get => new(Width(), int.MaxValue / 2);
        set => throw NotAvailable();
    }

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; }

    public override bool KeyAvailable => false;

    public override Size MaxPhysicalWindowSize => new(Width(), 50);

    public override Size MaxWindowSize => new(Width(), 50);

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize
    {
        get => new(Width(), 50);
        set => throw NotAvailable();
    }

    public override string WindowTitle { get; set; } = "shotvideo";

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw NotAvailable();

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw NotAvailable();

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw NotAvailable();

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw NotAvailable();

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw NotAvailable();

    private int Width()
    {
        if (output != Console.Out || Console.IsOutputRedirected)
        {
            return RedirectedWidth;
        }

        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : RedirectedWidth;
        }
        catch (IOException)
        {
            return RedirectedWidth;
        }
    }

    private static NotSupportedException NotAvailable() =>
        new("shotvideo writes lines, not a screen buffer: this console operation is not available.");
}
