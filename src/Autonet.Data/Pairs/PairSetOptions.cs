namespace Autonet.Data.Pairs;

/// <summary>What `autonet data pairs` builds: how many pairs, how many held out, image size, text length, the terminal.</summary>
public sealed record PairSetOptions
{
    public required string OutDirectory { get; init; }

    /// <summary>Pairs in all (train + held out): 2..100000.</summary>
    public int Count { get; init; } = 2500;

    /// <summary>Pairs marked "heldout", chosen by a seeded shuffle: 1..Count-1.</summary>
    public int Heldout { get; init; } = 500;

    /// <summary>Side of the grey PNGs: 8..1024.</summary>
    public int ImageSize { get; init; } = 96;

    /// <summary>Most UTF-8 bytes of one text: 32..4096.</summary>
    public int MaxTextBytes { get; init; } = 512;

    /// <summary>Terminal cells (40 × 21 at 9 pt is a square-ish 320 × 315 window).</summary>
    public int Columns { get; init; } = 40;

    public int Rows { get; init; } = 21;

    public int FontSize { get; init; } = 9;

    public int Seed { get; init; } = 18;

    /// <exception cref="ArgumentException">an option is out of range</exception>
    public void Validate()
    {
        if (Count is < 2 or > 100_000)
        {
            Errors.Option("--count", Count, "must be in 2..100000");
        }
        if (Heldout < 1 || Heldout >= Count)
        {
            Errors.Option("--heldout", Heldout, $"must be in 1..{Count - 1} (fewer than --count)");
        }
        if (ImageSize is < 8 or > 1024)
        {
            Errors.Option("--size", ImageSize, "must be in 8..1024");
        }
        if (MaxTextBytes is < 32 or > 4096)
        {
            Errors.Option("--max-bytes", MaxTextBytes, "must be in 32..4096");
        }
        if (Columns is < 16 or > 400 || Rows is < 2 or > 200 || FontSize is < 4 or > 72)
        {
            Errors.Option("terminal", $"{Columns}x{Rows} at {FontSize} pt", "columns must be in 16..400, rows in 2..200, font size in 4..72");
        }
    }
}
