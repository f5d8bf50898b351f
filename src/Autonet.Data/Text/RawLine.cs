namespace Autonet.Data.Text;

/// <summary>One raw line from JsonlLineReader: its bytes, or TooLong (bytes empty) when it exceeded the limit.</summary>
internal readonly record struct RawLine(byte[] Bytes, bool TooLong);
