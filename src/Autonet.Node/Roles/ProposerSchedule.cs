// A proposer daemon's own schedule: each poll it looks at the tasks it posted (read from the chain, so a restart
// loses nothing) and, once the latest is through, posts the next one on its plan's terms with a fresh validation
// sample of its pool, based on the project's latest final model (none yet: it waits for the genesis). "Through": cancelled, finalized with nothing
// accepted (or voided), its model final (the challenge window settled), or finalized with no model after the plan's
// publish grace (an aggregator that never publishes cannot stall the project).
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;
using Autonet.Training.Rounds;

namespace Autonet.Node.Roles;

/// <summary>Posts a proposer's tasks one after another, on chain time alone.</summary>
public sealed class ProposerSchedule(ContractChain chain, ProposerRole proposer, ProposerPlan plan, Func<int, byte[]> validationFor, ulong projectId, TimeProvider clock)
{
    private readonly Dictionary<ulong, DateTimeOffset> _finalizedSeen = [];

    /// <summary>Posts the next task when it is due; returns its id, or null when none was due.</summary>
    public async Task<ulong?> StepAsync(IReadOnlyList<(ulong TaskId, bool Settled)> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var mine = new List<TaskView>();
        foreach (var (taskId, _) in tasks)
        {
            if (await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { } task && task.Proposer == chain.Account)
            {
                mine.Add(task);
            }
        }
        if (mine.Count >= plan.Tasks || (mine.Count > 0 && !await ThroughAsync(mine[^1], cancellationToken).ConfigureAwait(false)))
        {
            return null;
        }
        var round = mine.Count + 1;
        if (await chain.Contracts.Project.ModelOfTaskAsync(projectId, 0, cancellationToken).ConfigureAwait(false) is null)
        {
            return null; // no genesis yet (its aggregator publishes it): nothing to train from
        }
        var (cid, _, _, _) = await chain.Contracts.Project.LatestFinalModelAsync(projectId, cancellationToken).ConfigureAwait(false);
        var spec = new TrainingSpec { Steps = plan.Steps, Batch = plan.Batch, LearningRate = plan.LearningRate, Seed = round };
        var terms = new TaskSpec(projectId, ContentId.Parse(cid), spec.ToJson(), Atn.Units(plan.RewardAtn), Atn.Units(plan.SolverBondAtn),
            TimeSpan.FromSeconds(plan.CommitWindowSeconds), TimeSpan.FromSeconds(plan.RevealWindowSeconds), TimeSpan.FromSeconds(plan.VerifyWindowSeconds));
        return await proposer.ProposeAsync(terms, validationFor(round), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ThroughAsync(TaskView task, CancellationToken cancellationToken)
    {
        if (task.Cancelled)
        {
            return true;
        }
        if (!task.Finalized)
        {
            return false;
        }
        if (task.Voided || task.Accepted.Count == 0)
        {
            return true;
        }
        var project = chain.Contracts.Project;
        var round = await project.RoundOfTaskAsync(projectId, task.TaskId, cancellationToken).ConfigureAwait(false);
        if (!round.IsZero)
        {
            var (_, _, finalRound, _) = await project.LatestFinalModelAsync(projectId, cancellationToken).ConfigureAwait(false);
            return finalRound >= round; // the window settled (the model may have been replaced by an upheld challenge)
        }
        var now = clock.GetUtcNow();
        if (!_finalizedSeen.TryGetValue(task.TaskId, out var seen))
        {
            _finalizedSeen[task.TaskId] = seen = now;
        }
        return now - seen > TimeSpan.FromSeconds(plan.PublishGraceSeconds);
    }
}
