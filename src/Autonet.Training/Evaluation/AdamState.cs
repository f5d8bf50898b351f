namespace Autonet.Training.Evaluation;

/// <summary>Adam moments for one parameter vector, with decoupled weight decay (AdamW, Loshchilov &amp; Hutter 2019). Used by the probe only.</summary>
internal sealed class AdamState(int length)
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;
    private readonly float[] _m = new float[length];
    private readonly float[] _v = new float[length];

    public void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, float weightDecay, int step)
    {
        var correction1 = 1 - MathF.Pow(Beta1, step);
        var correction2 = 1 - MathF.Pow(Beta2, step);
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradient[i];
            _m[i] = (Beta1 * _m[i]) + ((1 - Beta1) * g);
            _v[i] = (Beta2 * _v[i]) + ((1 - Beta2) * g * g);
            var update = (_m[i] / correction1) / (MathF.Sqrt(_v[i] / correction2) + Epsilon);
            parameters[i] -= learningRate * (update + (weightDecay * parameters[i]));
        }
    }
}
