namespace Autonet.Inference.Chat;

/// <summary>Which path produced the plan a reply was decoded from (seed 001's two speeds, and the fallbacks).</summary>
public enum PlanPath
{
    /// <summary>A provider computed the context's K-vectors now (one round trip).</summary>
    Slow,

    /// <summary>The conversation's cached plan was reused: the context changed too little to refresh it.</summary>
    Fast,

    /// <summary>No provider answered; this node's own copy of the encoder computed the K-vectors.</summary>
    LocalEncoder,

    /// <summary>No provider answered and no local encoder is loaded; the conversation's older cached plan was used.</summary>
    CachedPlan,
}
