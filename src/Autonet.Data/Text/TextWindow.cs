namespace Autonet.Data.Text;

/// <summary>
/// One training window: TokenIds has exactly MaxSeqLength ids, the first Length are real tokens and the rest PAD.
/// The attention mask is 1 for positions &lt; Length and 0 after; Source names the file it came from.
/// </summary>
public sealed record TextWindow(int[] TokenIds, int Length, string Source)
{
    /// <summary>1 for real tokens, 0 for padding, (S).</summary>
    public byte[] AttentionMask()
    {
        var mask = new byte[TokenIds.Length];
        mask.AsSpan(0, Length).Fill(1);
        return mask;
    }
}
