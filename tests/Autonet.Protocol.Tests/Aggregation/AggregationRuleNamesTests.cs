using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

public class AggregationRuleNamesTests
{
    [Theory]
    [InlineData("fedavg", AggregationRule.FedAvg)]
    [InlineData("median", AggregationRule.Median)]
    [InlineData("trimmed-mean", AggregationRule.TrimmedMean)]
    [InlineData("krum", AggregationRule.Krum)]
    public void Parse_WireName_RoundTrips(string name, AggregationRule rule)
    {
        Assert.Equal(rule, AggregationRuleNames.Parse(name));
        Assert.Equal(name, AggregationRuleNames.ToName(rule));
    }

    [Theory]
    [InlineData("FedAvg")]
    [InlineData("trimmed_mean")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_UnknownName_ThrowsNamingValueAndChoices(string? name)
    {
        var error = Assert.Throws<ProtocolException>(() => AggregationRuleNames.Parse(name));
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("fedavg|median|trimmed-mean|krum", error.Message, StringComparison.Ordinal);
        Assert.False(AggregationRuleNames.TryParse(name, out _));
    }

    [Fact]
    public void ToName_UndefinedRule_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AggregationRuleNames.ToName((AggregationRule)42));
        Assert.Equal("rule", error.ParamName);
    }
}
