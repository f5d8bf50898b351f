using Autonet.Data.Text;

namespace Autonet.Inference.Decoding;

/// <summary>The decoder's input at one position: the N tokens before it, left-padded with PAD.</summary>
public static class Windows
{
    /// <summary>Writes reply[position - N .. position) into destination (N ids), PAD before the reply's start.</summary>
    public static void Fill(ReadOnlySpan<int> reply, int position, Span<int> destination)
    {
        var n = destination.Length;
        for (var j = 0; j < n; j++)
        {
            var source = position - n + j;
            destination[j] = source >= 0 ? reply[source] : ByteTokenizer.Pad;
        }
    }
}
