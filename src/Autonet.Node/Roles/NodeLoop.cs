// The daemon loop of `autonet node run`, on chain time alone: every poll it lists the project's tasks, lets an
// aggregator with a genesis plan publish the project's first model while it has none, lets a proposer's schedule post
// the next task when due, then steps the node's role and its duties (NodeDuties: keeper, challenger,
// claims) on each task it has not finished. A task is finished for the node once it is settled, the role's step
// succeeded (an aggregator's published the model, or had nothing to publish) and no duty is left. A failed listing
// or step is retried next poll; a step that fails LastingFailure polls in a row is said as lasting (its Attempt).
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Metrics;
using Microsoft.Extensions.Logging;

namespace Autonet.Node.Roles;

/// <summary>Runs a node's role, schedule and duties as the chain moves on.</summary>
public sealed partial class NodeLoop(
    NodeHost host, ContractChain chain, NodeConfig config, NodeParts parts, NodeMetrics metrics, ILogger logger,
    Func<NodeOutcome, CancellationToken, Task> print)
{
    /// <summary>A step that failed this many polls in a row is a lasting failure (its outcome's Attempt reaches it).</summary>
    public const int LastingFailure = 3;

    private readonly HashSet<ulong> _finished = [];
    private readonly Dictionary<ulong, NodeOutcome> _last = [];
    private readonly Dictionary<ulong, int> _failures = [];

    /// <summary>Polls until cancelled.</summary>
    public async Task RunAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The node's loop edge: a failed read or duty (node restarting, a reply out of range) is retried next poll.
                PollFailed(logger, host.Name, host.Role, e.Message);
                metrics.ListingFailed();
            }
            await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var tasks = await chain.ListTasksAsync(config.ProjectId, cancellationToken).ConfigureAwait(false);
        var block = await chain.Contracts.Client.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        metrics.Saw(block, tasks.Count(t => !_finished.Contains(t.TaskId)));
        if (parts.Genesis is not null && await parts.Genesis.StepAsync(cancellationToken).ConfigureAwait(false) is { } genesis)
        {
            PublishedGenesis(logger, host.Name, genesis.Model);
        }
        if (parts.Schedule is { } schedule && await schedule.StepAsync(tasks, cancellationToken).ConfigureAwait(false) is { } posted)
        {
            Posted(logger, host.Name, posted);
            tasks = await chain.ListTasksAsync(config.ProjectId, cancellationToken).ConfigureAwait(false);
        }
        foreach (var (taskId, settled) in tasks)
        {
            if (_finished.Contains(taskId))
            {
                continue;
            }
            var outcome = await host.StepAsync(taskId, cancellationToken).ConfigureAwait(false);
            _failures[taskId] = outcome.Error is null ? 0 : _failures.GetValueOrDefault(taskId) + 1;
            if (_failures[taskId] is > 1 and <= LastingFailure)
            {
                outcome = outcome with { Attempt = _failures[taskId] }; // retried every poll; said until it counts as lasting
            }
            if (!_last.TryGetValue(taskId, out var previous) || previous != outcome)
            {
                await print(outcome, cancellationToken).ConfigureAwait(false);
                metrics.Stepped(outcome);
                _last[taskId] = outcome;
            }
            var nothingLeft = await parts.Duties.StepAsync(taskId, cancellationToken).ConfigureAwait(false);
            var roleDone = config.Role != NodeRole.Aggregator || outcome.State == OutcomeState.Published || nothingLeft;
            if (settled && outcome.Error is null && roleDone && nothingLeft)
            {
                _finished.Add(taskId);
            }
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Node} ({Role}): a poll failed, retrying: {Error}")]
    private static partial void PollFailed(ILogger logger, string node, NodeRole role, string error);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "{Node}: published the project's genesis model {Model}")]
    private static partial void PublishedGenesis(ILogger logger, string node, Autonet.Core.Ids.ContentId model);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Node}: posted task {TaskId} on its own schedule")]
    private static partial void Posted(ILogger logger, string node, ulong taskId);
}
