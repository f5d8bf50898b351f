namespace Autonet.Data.Pairs;

/// <summary>What one build made and how long its parts took.</summary>
public sealed record PairSetReport(int Pairs, int Train, int Heldout, int Unaligned, string Display, (int Width, int Height) Window, TimeSpan Capture, TimeSpan Total);
