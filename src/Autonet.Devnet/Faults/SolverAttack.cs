using System.Text.Json.Serialization;

namespace Autonet.Devnet.Faults;

/// <summary>What a Byzantine solver sends or does instead of honest work; `--attack` and devnet.json name them.</summary>
public enum SolverAttack
{
    /// <summary>-10 x the honest delta.</summary>
    [JsonStringEnumMemberName("signflip")]
    SignFlip,

    /// <summary>Gaussian noise with 10 x the delta's RMS per value.</summary>
    Noise,

    /// <summary>+10 x the honest delta.</summary>
    Scale,

    /// <summary>One NaN value in the middle of the delta.</summary>
    Nan,

    /// <summary>The first tensor flattened to 1-D: same size, wrong shape.</summary>
    [JsonStringEnumMemberName("shape")]
    WrongShape,

    /// <summary>A free-rider: never trains, commits an all-zero delta.</summary>
    Zero,

    /// <summary>A free-rider: never trains, commits Gaussian noise of RMS 1e-7 (a "change" too small to matter).</summary>
    TinyNoise,

    /// <summary>Never trains, resubmits another solver's delta of the previous task (public once revealed).</summary>
    Replay,

    /// <summary>Commits to bytes that are not a delta (random bytes), so its reveal cannot be judged.</summary>
    BadReveal,

    /// <summary>Takes a solver slot and never reveals (what 32 of them would do to fill a task).</summary>
    SlotFill,

    /// <summary>Trains on the previous task's validation set (public once revealed) instead of its own data.</summary>
    TrainOnValidation,

    /// <summary>Two or more Sybil accounts that train one delta and all commit to it (same bytes, same CID).</summary>
    DuplicateCid,
}
