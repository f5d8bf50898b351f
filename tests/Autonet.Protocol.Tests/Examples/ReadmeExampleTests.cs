using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Tests.Aggregation;

namespace Autonet.Protocol.Tests.Examples;

/// <summary>The snippet in src/Autonet.Protocol/README.md, compiled and run.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Readme_TrimmedMeanWithClipping_RunsAndReportsExclusions()
    {
        var updates = Enumerable.Range(0, 5)
            .Select(i => new Update(RandomUpdates.Solver(i), new[] { i * 10f, 1f }, 1))
            .ToList();
        var lines = new List<string>();

        // README snippet, with Console.WriteLine replaced by lines.Add.
        var options = new AggregationOptions { Rule = AggregationRuleNames.Parse("trimmed-mean"), TrimPerSide = 1, ClipNorm = 10 };
        var result = RobustAggregator.Aggregate(updates, options);
        foreach (var o in result.Excluded)
        {
            lines.Add($"{o.Solver}: {o.Reason}");
        }

        Assert.Empty(lines); // trimmed mean excludes nobody as a whole; it trims per coordinate
        Assert.Equal(4, result.Clipped.Count()); // norms 10.05, 20.02, 30.02, 40.01 exceed 10
        Assert.Equal(2, result.Aggregate.Length);
    }
}
