namespace Autonet.Core;

/// <summary>Bytes did not hash to the id they were fetched or stored under.</summary>
public sealed class ContentMismatchException : AutonetException
{
    public ContentMismatchException()
    {
    }

    public ContentMismatchException(string message) : base(message)
    {
    }

    public ContentMismatchException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ContentMismatchException(string expected, string actual)
        : base($"content mismatch: expected {expected}, got {actual}")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The id the bytes were supposed to have.</summary>
    public string? Expected { get; }

    /// <summary>The id the bytes actually hash to.</summary>
    public string? Actual { get; }
}
