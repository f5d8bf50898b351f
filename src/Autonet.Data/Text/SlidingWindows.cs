// Cuts one tokenized document into windows of S tokens. Starts are 0, stride, 2*stride, ... while the window
// ends before the document does; the last window is aligned to the document's end, so every window of a long
// document is full and the whole document is covered. A document of at most S tokens is one padded window.
namespace Autonet.Data.Text;

/// <summary>Sliding-window chunking with stride; pads short documents with PAD.</summary>
public static class SlidingWindows
{
    /// <summary>Start offsets of the windows over a document of documentLength tokens.</summary>
    public static IReadOnlyList<int> Starts(int documentLength, int windowLength, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(documentLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stride, windowLength);
        if (documentLength <= windowLength)
        {
            return documentLength == 0 ? [] : [0];
        }
        var starts = new List<int>();
        for (var start = 0; start + windowLength < documentLength; start += stride)
        {
            starts.Add(start);
        }
        var last = documentLength - windowLength;
        if (starts[^1] != last)
        {
            starts.Add(last);
        }
        return starts;
    }

    /// <summary>The windows themselves, each exactly windowLength ids (PAD after the document's end).</summary>
    public static IEnumerable<TextWindow> Cut(int[] document, int windowLength, int stride, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var start in Starts(document.Length, windowLength, stride))
        {
            var length = Math.Min(windowLength, document.Length - start);
            var ids = new int[windowLength]; // zero-filled: ByteTokenizer.Pad == 0
            Array.Copy(document, start, ids, 0, length);
            yield return new TextWindow(ids, length, source);
        }
    }
}
