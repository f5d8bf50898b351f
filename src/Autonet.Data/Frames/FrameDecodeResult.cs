namespace Autonet.Data.Frames;

/// <summary>Why a frame file did or did not yield pixels.</summary>
public enum FrameDecodeResult
{
    Ok,
    NotImage,
    OtherFormat,
    TooLarge,
    Truncated,
}
