using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

public class AggregationSpecTests
{
    public static TheoryData<string> CanonicalSpecs => new()
    {
        "rule=fedavg",
        "rule=median",
        "rule=trimmed-mean trim_per_side=2",
        "rule=trimmed-mean trim_fraction=0.2 clip_norm=100",
        "rule=krum byzantine=1 select=3",
        "rule=fedavg clip_norm=12.5",
    };

    [Theory]
    [MemberData(nameof(CanonicalSpecs))]
    public void Parse_CanonicalText_FormatsBackToTheSameText(string spec) =>
        Assert.Equal(spec, AggregationSpec.Format(AggregationSpec.Parse(spec)));

    [Fact]
    public void Parse_Empty_IsFedAvgWithoutClipping() =>
        Assert.Equal(new AggregationOptions(), AggregationSpec.Parse(""));

    [Fact]
    public void Format_Options_ParseToEqualOptions()
    {
        var options = new AggregationOptions { Rule = AggregationRule.TrimmedMean, TrimPerSide = 1, ClipNorm = 0.1 };
        Assert.Equal(options, AggregationSpec.Parse(AggregationSpec.Format(options)));
    }

    [Theory]
    [InlineData("fedavg", "'fedavg' is not key=value")]
    [InlineData("rule=mean", "rule 'mean' must be one of fedavg|median|trimmed-mean|krum")]
    [InlineData("clip_norm=1 rule=fedavg", "the first pair must be rule=…, not clip_norm")]
    [InlineData("rule=median rule=fedavg", "rule is given twice")]
    [InlineData("rule=krum  byzantine=1", "'' is not key=value")]
    [InlineData("rule=krum byzantine=one", "byzantine=one must be a whole number")]
    [InlineData("rule=fedavg clip_norm=", "'clip_norm=' is not key=value")]
    [InlineData("rule=fedavg clip=3", "unknown key clip")]
    public void Parse_BadText_NamesTheSpecAndTheRule(string spec, string problem)
    {
        var error = Assert.Throws<FormatException>(() => AggregationSpec.Parse(spec));
        Assert.Contains($"aggregation spec '{spec}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rule=fedavg clip_norm=-1", "ClipNorm")]
    [InlineData("rule=trimmed-mean trim_per_side=1 trim_fraction=0.1", "TrimPerSide")]
    [InlineData("rule=krum select=0", "KrumSelect")]
    public void Parse_OutOfRangeValue_RefusedByTheOptionsRule(string spec, string option)
    {
        var error = Assert.Throws<ProtocolException>(() => AggregationSpec.Parse(spec));
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }
}
