namespace Autonet.Inference.Decoding;

/// <summary>One reply to learn or score: its K-vector plan (K * D floats) and its token ids (BOS, bytes, EOS).</summary>
public sealed record Turn(float[] Plan, int[] Reply);
