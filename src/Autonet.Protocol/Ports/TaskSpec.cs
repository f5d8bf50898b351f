using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>What a proposer asks for: the base model, the training recipe (opaque to the protocol), reward and windows.</summary>
/// <param name="ProjectId">The project the task belongs to.</param>
/// <param name="BaseModel">CID of the model every solver starts from (the current global model).</param>
/// <param name="TrainingSpec">The training recipe as JSON (steps, batch, learning rate, EMA momentum, seed: Autonet.Training.Rounds.TrainingSpec); opaque here, read by <see cref="IDeltaTrainer"/>.</param>
/// <param name="Reward">Reward in ATN base units, paid by the contract.</param>
/// <param name="SolverBond">What each solver posts with its commitment (ATN base units, at least 1 ATN); it comes back
/// for a reveal the coordinators could judge, and is forfeited otherwise.</param>
/// <param name="CommitWindow">How long solvers may commit after the task is posted.</param>
/// <param name="RevealWindow">How long solvers may reveal after the commit deadline.</param>
/// <param name="VerifyWindow">How long coordinators may vote after the reveal deadline.</param>
public sealed record TaskSpec(
    ulong ProjectId,
    ContentId BaseModel,
    string TrainingSpec,
    System.Numerics.BigInteger Reward,
    System.Numerics.BigInteger SolverBond,
    TimeSpan CommitWindow,
    TimeSpan RevealWindow,
    TimeSpan VerifyWindow);
