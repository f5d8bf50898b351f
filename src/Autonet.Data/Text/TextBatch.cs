namespace Autonet.Data.Text;

/// <summary>
/// A batch of windows for the text encoder: TokenIds (B, S) and AttentionMask (B, S), row-major; Lengths (B)
/// holds each row's count of real tokens (the mask is 1 before it and 0 after).
/// </summary>
public sealed record TextBatch(int[] TokenIds, byte[] AttentionMask, int[] Lengths, int BatchSize, int SeqLength)
{
    /// <summary>Packs windows of equal SeqLength into one batch.</summary>
    /// <exception cref="ArgumentException">no windows, or windows of different lengths</exception>
    public static TextBatch FromWindows(IReadOnlyList<TextWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one window", nameof(windows));
        }
        var seq = windows[0].TokenIds.Length;
        var ids = new int[windows.Count * seq];
        var mask = new byte[windows.Count * seq];
        var lengths = new int[windows.Count];
        for (var b = 0; b < windows.Count; b++)
        {
            var window = windows[b];
            if (window.TokenIds.Length != seq)
            {
                throw new ArgumentException($"window {b} has {window.TokenIds.Length} tokens, window 0 has {seq}; all must match", nameof(windows));
            }
            window.TokenIds.CopyTo(ids, b * seq);
            mask.AsSpan(b * seq, window.Length).Fill(1);
            lengths[b] = window.Length;
        }
        return new TextBatch(ids, mask, lengths, windows.Count, seq);
    }
}
