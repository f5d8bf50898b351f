using Autonet.Node.Roles;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autonet.Node.Tests.Examples;

/// <summary>src/Autonet.Node/README.md's example, compiled; on a home nobody set up it names config.yaml's node.role.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task StepAsync_HomeNotSetUp_ThrowsNamingNodeRole()
    {
        var home = Path.Combine(Path.GetTempPath(), $"autonet-readme-{Guid.NewGuid():N}");
        var (taskId, logger, ct) = (1UL, NullLogger.Instance, CancellationToken.None);

        var error = await Assert.ThrowsAsync<FormatException>(async () =>
        {
            // README
            var outcome = await NodeProcessMain.StepAsync(new NodeHome(home), taskId, Console.Out, logger, decorator: null, ct);
            if (outcome.Error is not null) { /* the step failed; the next step retries from node.db and the chain */ }
            // end README
        });

        Assert.Contains("node.role = ''; rule:", error.Message, StringComparison.Ordinal);
    }
}
