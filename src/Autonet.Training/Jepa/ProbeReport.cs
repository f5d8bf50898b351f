using Autonet.Training.Evaluation;

namespace Autonet.Training.Jepa;

/// <summary>
/// One linear-probe run: test accuracy of the trained encoder's features, of raw pixels and of the same encoder at
/// random init (same probe, same samples), the k-NN probe's accuracy (k = 20, cosine) of the same three, and collapse
/// metrics of the trained and random features on the test set.
/// </summary>
public sealed record ProbeReport(
    int TrainSamples,
    int TestSamples,
    double TrainedAccuracy,
    double RawPixelAccuracy,
    double RandomInitAccuracy,
    CollapseMetrics Trained,
    CollapseMetrics RandomInit)
{
    public double TrainedKnn { get; init; }

    public double RawPixelKnn { get; init; }

    public double RandomInitKnn { get; init; }
}
