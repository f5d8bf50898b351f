using Autonet.Training.Rounds;

namespace Autonet.Training.Tests.Rounds;

/// <summary>A proposer's training spec is a stranger's JSON: FormatException only, and nothing read silently as a default.</summary>
public class TrainingSpecTests
{
    [Fact]
    public void Parse_OwnJson_RoundTrips()
    {
        var spec = new TrainingSpec { Steps = 300, Batch = 4, LearningRate = 3e-4f, EmaMomentum = 0.996f, Seed = -7 };
        Assert.Equal(spec, TrainingSpec.Parse(spec.ToJson()));
    }

    [Theory]
    [InlineData("{\"steps\":5}", "steps")] // camelCase was ignored: the spec ran 20 steps
    [InlineData("{\"Steps\":5,\"Steps\":50000}", "Steps")] // the last one won
    [InlineData("{\"Steps\":5,\"Epochs\":3}", "Epochs")]
    [InlineData("[1]", "not valid JSON")]
    [InlineData("{\"Steps\":1e10}", "not valid JSON")]
    [InlineData("{\"LearningRate\":\"NaN\"}", "not valid JSON")]
    [InlineData("null", "null")]
    [InlineData("{\"Batch\":5000}", "batch 5000")]
    [InlineData("{\"LearningRate\":0}", "lr 0")]
    [InlineData("{\"EmaMomentum\":1.5}", "ema 1.5")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheMember(string json, string inMessage)
    {
        var error = Assert.Throws<FormatException>(() => TrainingSpec.Parse(json));
        Assert.Contains(inMessage, error.Message, StringComparison.Ordinal);
    }
}
