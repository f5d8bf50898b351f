namespace Autonet.Chain.Contracts;

/// <summary>InferenceMarket.DisputeState (uint8).</summary>
public enum DisputeState
{
    None = 0,
    Open = 1,
    Upheld = 2,
    Rejected = 3,
    Unjudged = 4,
}
