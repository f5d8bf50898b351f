namespace Autonet.Data.Pairs;

/// <summary>
/// One screenshot and the text it shows: the image decoded to the encoder's grey size² standardized pixels (as
/// <see cref="Frames.FrameDecoder"/> does for screen frames), the text as written, when it was captured, and its split.
/// </summary>
public sealed record ImageTextPair(string Id, float[] Pixels, string Text, DateTimeOffset CapturedAt, bool HeldOut);
