using System.Globalization;
using Autonet.Core;
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The coordinator's state machine (ARCHITECTURE.md step 5): after the reveal deadline and before the verify
/// deadline, check every revealed delta (decodes against the base, finite, norm within the bound), score it itself on
/// the revealed validation set, and once every revealed solution has a score send them as one batch
/// (ResultsRewards.submitScores). A delta that fails a check, that is not a CID, or that cannot be fetched while the
/// base model and validation set can, is scored 0; a failure on the coordinator's side (unreachable gateway, scoring
/// error) is recorded with no score and retried on the next step, never replaced by a made-up score. The base model
/// and validation set are decoded once per task, whatever the number of deltas.
/// </summary>
public sealed class CoordinatorRole(
    IChain chain, IBlobStore blobs, IModelCodec codec, IDeltaScorer scorer, IStateStore<CoordinatorTaskState> store, TimeProvider clock, double maxDeltaNorm)
{
    private const int FetchAttempts = 2;
    private TaskInputs? _inputs;

    /// <summary>Judges every revealed delta without a score yet and submits the batch when complete; returns the state.</summary>
    /// <exception cref="ProtocolException">The task does not exist, or its base model is missing or unusable.</exception>
    public async Task<CoordinatorTaskState> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var key = $"coordinator/{taskId}";
        var state = await store.LoadAsync(key, cancellationToken).ConfigureAwait(false) ?? new CoordinatorTaskState(taskId, []);
        if (state.Submitted)
        {
            return state;
        }

        var task = await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? Errors.TaskNotFound("coordinator", chain.Account, taskId);
        var now = clock.GetUtcNow();
        if (now < task.RevealDeadline || now >= task.VerifyDeadline || task.GroundTruth is not { } groundTruth)
        {
            return state;
        }

        if (task.Voters.Contains(chain.Account))
        {
            state = state with { Submitted = true }; // the batch landed before a crash
            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
            return state;
        }

        var revealed = task.Solutions.Where(s => s.Revealed).ToList();
        var pending = revealed.Where(s => Scored(state, s.Solver) is null).ToList();
        if (revealed.Count == 0)
        {
            return state;
        }

        if (pending.Count > 0)
        {
            var inputs = await InputsAsync(task, groundTruth, cancellationToken).ConfigureAwait(false);
            foreach (var solution in pending)
            {
                var verdict = await JudgeAsync(solution, inputs, cancellationToken).ConfigureAwait(false);
                state = state with { Verdicts = [.. state.Verdicts.Where(v => v.Solver != solution.Solver), verdict] };
                await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
            }
        }

        if (revealed.Any(s => Scored(state, s.Solver) is null))
        {
            return state; // a verdict of ours is missing: retried next step, and no partial batch is sent
        }

        var scores = revealed.Select(s => new SolverScore(s.Solver, (ushort)Scored(state, s.Solver)!.ScoreBasisPoints!.Value)).ToList();
        await chain.SubmitScoresAsync(taskId, scores, cancellationToken).ConfigureAwait(false);
        state = state with { Submitted = true };
        await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        return state;
    }

    private static CoordinatorVerdict? Scored(CoordinatorTaskState state, Address solver) =>
        state.Verdicts.FirstOrDefault(v => v.Solver == solver && v.ScoreBasisPoints is not null);

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
        _inputs = scorer.TryDecodeValidationSet(baseModel, setBytes, out var set, out var setReason)
            ? new TaskInputs(task.TaskId, baseModel, set, null)
            : new TaskInputs(task.TaskId, baseModel, null, $"validation set {groundTruth} cannot be used: {setReason}");
        return _inputs;
    }

    private async Task<CoordinatorVerdict> JudgeAsync(SolutionView solution, TaskInputs inputs, CancellationToken cancellationToken)
    {
        var solver = solution.Solver;
        if (solution.Delta is not { } deltaId)
        {
            return new CoordinatorVerdict(solver, 0, "rejected: the revealed solution is not a content id");
        }

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
                return new CoordinatorVerdict(solver, 0, $"rejected: delta {deltaId} does not match its CID ({e.Message})");
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
                return new CoordinatorVerdict(solver, 0, $"rejected: delta {deltaId} could not be fetched in {FetchAttempts} attempts while the base model and validation set could: {e.Message}");
            }
        }

        if (bytes is null)
        {
            return new CoordinatorVerdict(solver, 0, $"rejected: delta {deltaId} is not available from the blob store");
        }

        if (!codec.TryDecodeDelta(inputs.BaseModel, bytes, out var values, out var reason))
        {
            return new CoordinatorVerdict(solver, 0, $"rejected: delta {deltaId}: {reason}");
        }

        var sumOfSquares = 0.0;
        foreach (var v in values)
        {
            sumOfSquares += (double)v * v;
        }

        var norm = Math.Sqrt(sumOfSquares);
        if (norm > maxDeltaNorm)
        {
            return new CoordinatorVerdict(solver, 0, Invariant($"rejected: delta norm {norm:G6} exceeds the bound {maxDeltaNorm:G6}"));
        }

        if (inputs.ValidationSet is not { } validationSet)
        {
            return new CoordinatorVerdict(solver, null, $"error: {inputs.ValidationSetProblem}; no vote");
        }

        double quality;
        try
        {
            quality = await scorer.ScoreAsync(inputs.BaseModel, validationSet, values, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new CoordinatorVerdict(solver, null, $"error: scoring failed, no vote: {e.Message}");
        }

        if (!(quality >= 0 && quality <= 1))
        {
            return new CoordinatorVerdict(solver, null, Invariant($"error: scorer returned {quality}, outside [0, 1]; no vote"));
        }

        var basisPoints = (uint)Math.Round(quality * 10_000, MidpointRounding.ToEven);
        return new CoordinatorVerdict(solver, basisPoints, Invariant($"scored {quality:F4} ({basisPoints} bp), norm {norm:G6}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record TaskInputs(ulong TaskId, IModel BaseModel, IValidationSet? ValidationSet, string? ValidationSetProblem);
}
