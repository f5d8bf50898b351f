using System.Globalization;
using Autonet.Core;
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The coordinator's state machine (ARCHITECTURE.md step 5), a commit-reveal vote in three steps. In the verify window
/// (after the reveal deadline, before the verify deadline): check every revealed delta (matches its CID, decodes against
/// the base, finite, norm within the bound), score it itself on the task's revealed validation set with the task's seed,
/// save the verdicts and a fresh salt, then commit to the hidden vote (ResultsRewards.commitVote): a score for every
/// revealed solution. Anything that cannot be judged scores 0 and is flagged, and the vote still goes out: a delta that
/// cannot be fetched while the base model and validation set can, that does not match its CID or decode, that is out of
/// bounds, that repeats a delta revealed in the project's previous task (cosine above <see cref="ReplayCosine"/>: public
/// work, not this solver's), or that makes the scorer fail. A validation set that cannot be used is the proposer's fault:
/// the vote flags the ground truth, every score 0. Only a failure to fetch the base model or the validation set (this
/// side's problem, or the network's) leaves the step without a vote, to retry. After the verify deadline, once the
/// committee draw is known: reveal the saved vote if drawn (two transactions per task in all). After settlement, an
/// undrawn coordinator releases its own hold (settleVote). The base model and validation set are decoded once per task.
/// </summary>
public sealed class CoordinatorRole(
    IChain chain, IBlobStore blobs, IModelCodec codec, IDeltaScorer scorer, IStateStore<CoordinatorTaskState> store, TimeProvider clock, double maxDeltaNorm,
    Func<Hash32>? newSalt = null)
{
    private const int FetchAttempts = 2;

    /// <summary>Above this cosine similarity with a delta revealed in the project's previous task, a delta is a replay.</summary>
    public const double ReplayCosine = 0.99;

    // How many task ids back the replay check looks for the project's previous task with revealed deltas.
    private const ulong ReplayLookBack = 8;
    private readonly Func<Hash32> _newSalt = newSalt ?? (() => new Hash32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    private TaskInputs? _inputs;

    /// <summary>Moves this coordinator's vote on <paramref name="taskId"/> one step on (judge and commit, reveal, release); returns the state.</summary>
    /// <exception cref="ProtocolException">The task does not exist, or its base model is missing or unusable.</exception>
    public async Task<CoordinatorTaskState> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var key = $"coordinator/{taskId}";
        var state = await store.LoadAsync(key, cancellationToken).ConfigureAwait(false) ?? new CoordinatorTaskState(taskId, []);
        if (state.Settled)
        {
            return state;
        }

        var task = await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? Errors.TaskNotFound("coordinator", chain.Account, taskId);
        var now = clock.GetUtcNow();
        if (!state.Committed)
        {
            if (state.Salt is not null && task.VoteCommitters.Contains(chain.Account))
            {
                state = state with { Committed = true }; // the commitment landed before a crash; the salt was saved first
                await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                return await CommitAsync(key, state, task, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!state.Submitted && !state.NotDrawn)
        {
            return await RevealAsync(key, state, task, now, cancellationToken).ConfigureAwait(false);
        }

        if (state.Submitted && task.Finalized)
        {
            state = state with { Settled = true }; // finalize released a revealed vote's hold
            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        }
        else if (state.NotDrawn && (task.Finalized || task.Cancelled))
        {
            await chain.SettleVoteAsync(taskId, chain.Account, cancellationToken).ConfigureAwait(false);
            state = state with { Settled = true };
            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        }
        return state;
    }

    // In the verify window: judge every revealed delta without a verdict yet, save the salt, then commit.
    private async Task<CoordinatorTaskState> CommitAsync(string key, CoordinatorTaskState state, TaskView task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Verifying (closeReveals set the verify deadline, at the reveal deadline or early), not past it, not drawn early.
        if (task.VerifyDeadline == DateTimeOffset.UnixEpoch || now >= task.VerifyDeadline || task.CommitteeAnchored || task.GroundTruth is not { } groundTruth)
        {
            return state;
        }

        var revealed = task.Solutions.Where(s => s.Revealed).ToList();
        if (revealed.Count == 0)
        {
            return state;
        }

        var inputs = await InputsAsync(task, groundTruth, cancellationToken).ConfigureAwait(false);
        if (inputs.ValidationSet is null)
        {
            state = state with
            {
                BadGroundTruth = inputs.ValidationSetProblem,
                Verdicts = [.. revealed.Select(s => new CoordinatorVerdict(s.Solver, 0, $"not scored: {inputs.ValidationSetProblem}"))],
            };
            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var solution in revealed.Where(s => state.Verdicts.All(v => v.Solver != s.Solver)))
            {
                var verdict = await JudgeAsync(solution, inputs, cancellationToken).ConfigureAwait(false);
                state = state with { Verdicts = [.. state.Verdicts, verdict] };
                await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
            }
        }

        // The salt is durable before the commitment that depends on it is sent: a crash after the send still reveals.
        state = state with { Salt = state.Salt ?? _newSalt() };
        await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        await chain.CommitVoteAsync(task.TaskId, ScoresOf(state, task), state.BadGroundTruth is not null, state.Salt.Value, cancellationToken).ConfigureAwait(false);
        state = state with { Committed = true };
        await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        return state;
    }

    // After the verify deadline and once the draw is known: reveal the committed vote if drawn.
    private async Task<CoordinatorTaskState> RevealAsync(string key, CoordinatorTaskState state, TaskView task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (task.Voters.Contains(chain.Account))
        {
            state = state with { Submitted = true }; // the reveal landed before a crash
        }
        else if ((now <= task.VerifyDeadline && !task.CommitteeAnchored) || now > task.VoteRevealDeadline || task.Finalized)
        {
            return state;
        }
        else if (await chain.IsDrawnAsync(task.TaskId, cancellationToken).ConfigureAwait(false) is not { } drawn)
        {
            return state; // the draw is not anchored yet, or its block not mined
        }
        else if (!drawn)
        {
            state = state with { NotDrawn = true };
        }
        else
        {
            await chain.RevealVoteAsync(task.TaskId, ScoresOf(state, task), state.BadGroundTruth is not null, state.Salt!.Value, cancellationToken).ConfigureAwait(false); // committed: the salt was saved first
            state = state with { Submitted = true };
        }
        await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        return state;
    }

    private static List<SolverScore> ScoresOf(CoordinatorTaskState state, TaskView task) =>
        [.. task.Solutions.Where(s => s.Revealed).Select(s => state.Verdicts.First(v => v.Solver == s.Solver))
            .Select(v => new SolverScore(v.Solver, (ushort)v.ScoreBasisPoints, v.Unjudgeable))];

    // The base model and validation set of the task, fetched and decoded once per task (kept for later steps).
    private async Task<TaskInputs> InputsAsync(TaskView task, ContentId groundTruth, CancellationToken cancellationToken)
    {
        if (_inputs is { } known && known.TaskId == task.TaskId)
        {
            return known;
        }

        var baseBytes = await blobs.GetAsync(task.BaseModel, cancellationToken).ConfigureAwait(false)
            ?? Errors.BlobMissing("coordinator", chain.Account, "base model", task.BaseModel, task.TaskId);
        if (!codec.TryDecodeModel(baseBytes, out var baseModel, out var reason))
        {
            Errors.BadBaseModel("coordinator", chain.Account, task.BaseModel, task.TaskId, reason);
        }

        var setBytes = await blobs.GetAsync(groundTruth, cancellationToken).ConfigureAwait(false)
            ?? Errors.BlobMissing("coordinator", chain.Account, "validation set", groundTruth, task.TaskId);
        var earlier = await EarlierDeltasAsync(task, baseModel, cancellationToken).ConfigureAwait(false);
        _inputs = scorer.TryDecodeValidationSet(baseModel, setBytes, task, out var set, out var setReason)
            ? new TaskInputs(task.TaskId, baseModel, set, null, earlier)
            : new TaskInputs(task.TaskId, baseModel, null, $"validation set {groundTruth} cannot be used: {setReason}", earlier);
        return _inputs;
    }

    // The deltas revealed in the latest earlier task of the same project (public once revealed): a delta that merely
    // repeats one of them is a replay, not work. Ones that cannot be fetched or decoded are skipped.
    private async Task<IReadOnlyList<EarlierDelta>> EarlierDeltasAsync(TaskView task, IModel baseModel, CancellationToken cancellationToken)
    {
        var earlier = await TaskHistory.PreviousWithRevealsAsync(chain, task, ReplayLookBack, cancellationToken).ConfigureAwait(false);
        var deltas = new List<EarlierDelta>();
        foreach (var solution in earlier?.Solutions.Where(s => s.Revealed) ?? [])
        {
            try
            {
                if (await blobs.GetAsync(solution.Delta!.Value, cancellationToken).ConfigureAwait(false) is { } bytes
                    && codec.TryDecodeDelta(baseModel, bytes, out var values, out _))
                {
                    deltas.Add(new EarlierDelta(solution.Solver, earlier!.TaskId, values));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // an earlier delta that is gone cannot be replayed from this store either
            }
        }
        return deltas;
    }

    private async Task<CoordinatorVerdict> JudgeAsync(SolutionView solution, TaskInputs inputs, CancellationToken cancellationToken)
    {
        var (solver, deltaId) = (solution.Solver, solution.Delta!.Value); // revealed: the contract stores a digest
        byte[]? bytes = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                bytes = await blobs.GetAsync(deltaId, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (ContentMismatchException e)
            {
                return CoordinatorVerdict.Rejected(solver, $"delta {deltaId} does not match its CID ({e.Message})");
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < FetchAttempts)
            {
                // A transport failure may be a blip: try again before judging.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The same store just served the base model and the validation set, so the failure is this delta's:
                // keeping it available is the solver's duty (a gateway also breaks off a blob whose copy fails
                // verification). Scoring 0 rather than abstaining lets this coordinator's batch go out.
                return CoordinatorVerdict.Rejected(solver, $"delta {deltaId} could not be fetched in {FetchAttempts} attempts while the base model and validation set could: {e.Message}");
            }
        }

        if (bytes is null)
        {
            return CoordinatorVerdict.Rejected(solver, $"delta {deltaId} is not available from the blob store");
        }

        if (!codec.TryDecodeDelta(inputs.BaseModel, bytes, out var values, out var reason))
        {
            return CoordinatorVerdict.Rejected(solver, $"delta {deltaId}: {reason}");
        }

        var sumOfSquares = 0.0;
        foreach (var v in values)
        {
            sumOfSquares += (double)v * v;
        }

        var norm = Math.Sqrt(sumOfSquares);
        if (norm > maxDeltaNorm)
        {
            return CoordinatorVerdict.Rejected(solver, Invariant($"delta norm {norm:G6} exceeds the bound {maxDeltaNorm:G6}"));
        }

        foreach (var earlier in inputs.Earlier)
        {
            var cosine = Cosine(values, earlier.Values);
            if (cosine > ReplayCosine)
            {
                return CoordinatorVerdict.Rejected(solver, Invariant($"a replay of {earlier.Solver}'s delta revealed in task {earlier.TaskId} (cosine {cosine:F4} > {ReplayCosine})"));
            }
        }

        double quality;
        try
        {
            quality = await scorer.ScoreAsync(inputs.BaseModel, inputs.ValidationSet!, values, cancellationToken).ConfigureAwait(false); // checked by the caller
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return CoordinatorVerdict.Rejected(solver, $"scoring delta {deltaId} failed: {e.Message}");
        }

        if (!(quality >= 0 && quality <= 1))
        {
            return CoordinatorVerdict.Rejected(solver, Invariant($"the scorer returned {quality} for delta {deltaId}, outside [0, 1]"));
        }

        var basisPoints = (uint)Math.Round(quality * 10_000, MidpointRounding.ToEven);
        return new CoordinatorVerdict(solver, basisPoints, Invariant($"improvement {quality:F4} ({basisPoints} bp), norm {norm:G6}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            return 0;
        }
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            (dot, aa, bb) = (dot + ((double)a[i] * b[i]), aa + ((double)a[i] * a[i]), bb + ((double)b[i] * b[i]));
        }
        return aa == 0 || bb == 0 ? 0 : dot / Math.Sqrt(aa * bb);
    }

    private sealed record EarlierDelta(Core.Ids.Address Solver, ulong TaskId, float[] Values);

    private sealed record TaskInputs(
        ulong TaskId, IModel BaseModel, IValidationSet? ValidationSet, string? ValidationSetProblem, IReadOnlyList<EarlierDelta> Earlier);
}
