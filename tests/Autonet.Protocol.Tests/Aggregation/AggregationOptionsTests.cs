using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

public class AggregationOptionsTests
{
    public static TheoryData<AggregationOptions, string> BadOptions => new()
    {
        { new AggregationOptions { ClipNorm = 0 }, "ClipNorm = 0" },
        { new AggregationOptions { ClipNorm = double.NaN }, "ClipNorm = NaN" },
        { new AggregationOptions { ClipNorm = double.PositiveInfinity }, "ClipNorm" },
        { new AggregationOptions { TrimPerSide = -1 }, "TrimPerSide = -1" },
        { new AggregationOptions { TrimFraction = 0.5 }, "TrimFraction = 0.5" },
        { new AggregationOptions { TrimFraction = -0.1 }, "TrimFraction = -0.1" },
        { new AggregationOptions { TrimFraction = 0.1, TrimPerSide = 1 }, "not both" },
        { new AggregationOptions { ByzantineCount = -2 }, "ByzantineCount = -2" },
        { new AggregationOptions { KrumSelect = 0 }, "KrumSelect = 0" },
        { new AggregationOptions { Rule = (AggregationRule)9 }, "Rule = 9" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadSetting_ThrowsNamingOptionAndValue(AggregationOptions options, string expected)
    {
        var error = Assert.Throws<ProtocolException>(options.Validate);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForRule_WireName_SetsRule()
    {
        Assert.Equal(AggregationRule.TrimmedMean, AggregationOptions.ForRule("trimmed-mean").Rule);
        Assert.Throws<ProtocolException>(() => AggregationOptions.ForRule("mean"));
    }

    [Theory]
    [InlineData(null, null, 10, 1)]
    [InlineData(null, 0.25, 10, 2)]
    [InlineData(3, null, 10, 3)]
    [InlineData(null, 0.0, 10, 0)]
    public void TrimFor_Count_UsesExplicitTOrFloorBetaN(int? t, double? beta, int count, int expected)
    {
        Assert.Equal(expected, new AggregationOptions { TrimPerSide = t, TrimFraction = beta }.TrimFor(count));
    }
}
