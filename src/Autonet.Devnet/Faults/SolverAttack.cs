using System.Text.Json.Serialization;

namespace Autonet.Devnet.Faults;

/// <summary>The kinds of corrupted update a Byzantine solver sends (AttackTrainer); `--attack` and devnet.json name them.</summary>
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
}
