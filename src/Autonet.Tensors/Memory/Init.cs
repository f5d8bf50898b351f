namespace Autonet.Tensors.Memory;

/// <summary>How a parameter's values start.</summary>
public enum Init
{
    Zeros,
    Ones,

    /// <summary>Normal(0, 0.02) truncated at 2 std, as ViT/MAE initialise linear weights and tokens.</summary>
    TruncNormal02,

    /// <summary>Xavier-uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)) with fans from the last two dims.</summary>
    XavierUniform,
}
