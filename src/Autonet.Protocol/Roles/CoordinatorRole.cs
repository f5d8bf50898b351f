using System.Globalization;
using Autonet.Core;
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The coordinator's state machine (ARCHITECTURE.md step 5): after the reveal deadline and before the verify
/// deadline, check every revealed delta (decodes with the base's names and shapes, finite, norm within the bound),
/// score it itself on the revealed validation set, and vote. A delta that fails a check, or that cannot be fetched
/// while the base model and validation set can, is voted 0; a failure on the coordinator's side (unreachable gateway,
/// scoring error) is recorded and gets no vote, never a made-up score.
/// </summary>
public sealed class CoordinatorRole(
    IChain chain, IBlobStore blobs, ITrainer trainer, IStateStore<CoordinatorTaskState> store, TimeProvider clock, double maxDeltaNorm)
{
    private const int FetchAttempts = 2;

    /// <summary>Judges and votes every revealed delta not judged yet; returns the verdicts so far.</summary>
    public async Task<CoordinatorTaskState> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var key = $"coordinator/{taskId}";
        var state = await store.LoadAsync(key, cancellationToken).ConfigureAwait(false) ?? new CoordinatorTaskState(taskId, []);
        var task = await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? Errors.TaskNotFound("coordinator", chain.Account, taskId);
        var now = clock.GetUtcNow();
        if (now < task.RevealDeadline || now >= task.VerifyDeadline || task.GroundTruth is not { } groundTruth)
        {
            return state;
        }

        var pending = task.Solutions
            .Where(s => s.Revealed is not null && state.Verdicts.All(v => v.Solver != s.Solver))
            .Where(s => !task.Votes.Contains((chain.Account, s.Solver)))
            .ToArray();
        if (pending.Length == 0)
        {
            return state;
        }

        var baseModel = await blobs.GetAsync(task.BaseModel, cancellationToken).ConfigureAwait(false)
            ?? Errors.BlobMissing("coordinator", chain.Account, "base model", task.BaseModel, taskId);
        var validationSet = await blobs.GetAsync(groundTruth, cancellationToken).ConfigureAwait(false)
            ?? Errors.BlobMissing("coordinator", chain.Account, "validation set", groundTruth, taskId);
        foreach (var solution in pending)
        {
            var verdict = await JudgeAsync(solution.Solver, solution.Revealed!.Value, baseModel, validationSet, cancellationToken).ConfigureAwait(false);
            if (verdict.ScoreBasisPoints is { } score)
            {
                await chain.VoteAsync(taskId, solution.Solver, score, cancellationToken).ConfigureAwait(false);
            }

            state = state with { Verdicts = [.. state.Verdicts, verdict] };
            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        }

        return state;
    }

    private async Task<CoordinatorVerdict> JudgeAsync(
        Address solver, ContentId deltaId, byte[] baseModel, byte[] validationSet, CancellationToken cancellationToken)
    {
        byte[]? delta = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                delta = await blobs.GetAsync(deltaId, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (ContentMismatchException e)
            {
                return new CoordinatorVerdict(solver, 0, $"rejected: delta {deltaId} does not match its CID ({e.Message})");
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < FetchAttempts)
            {
                // One transport failure may be a blip: try again before judging.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The same store just served the base model and the validation set, so the failure is this delta's:
                // keeping it available is the solver's duty (a gateway also breaks off a blob whose copy fails
                // verification). Voting 0 rather than abstaining also lets this coordinator vote on the others,
                // since submitScores needs a score for every revealed solution.
                return new CoordinatorVerdict(solver, 0, $"rejected: delta {deltaId} could not be fetched in {FetchAttempts} attempts while the base model and validation set could: {e.Message}");
            }
        }

        if (delta is null)
        {
            return new CoordinatorVerdict(solver, 0, $"rejected: delta {deltaId} is not available from the blob store");
        }

        float[] values;
        try
        {
            values = trainer.DecodeDelta(baseModel, delta);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new CoordinatorVerdict(solver, 0, $"rejected: delta {deltaId} does not decode against the base model: {e.Message}");
        }

        var sumOfSquares = 0.0;
        for (var j = 0; j < values.Length; j++)
        {
            if (!float.IsFinite(values[j]))
            {
                return new CoordinatorVerdict(solver, 0, Invariant($"rejected: non-finite value {values[j]} at index {j}"));
            }

            sumOfSquares += (double)values[j] * values[j];
        }

        var norm = Math.Sqrt(sumOfSquares);
        if (norm > maxDeltaNorm)
        {
            return new CoordinatorVerdict(solver, 0, Invariant($"rejected: delta norm {norm:G6} exceeds the bound {maxDeltaNorm:G6}"));
        }

        double quality;
        try
        {
            quality = await trainer.ScoreAsync(baseModel, delta, validationSet, cancellationToken).ConfigureAwait(false);
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
}
