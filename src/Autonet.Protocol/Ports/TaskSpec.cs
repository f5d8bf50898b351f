using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>What a proposer asks for: the base model, the training recipe (opaque to the protocol), reward and windows.</summary>
/// <param name="ProjectId">The project the task belongs to.</param>
/// <param name="BaseModel">CID of the model every solver starts from (the current global model).</param>
/// <param name="TrainingSpec">
/// JSON recipe, opaque to the protocol; only the solver's <see cref="ITrainer.TrainAsync"/> parses it (Node's TrainingSpec:
/// steps, batch, learning rate, EMA momentum, seed). Not canonicalised; modality and architecture come from the base model.
/// </param>
/// <param name="Reward">Reward in wei, paid by the contract.</param>
/// <param name="CommitWindow">How long solvers may commit after the task is posted.</param>
/// <param name="RevealWindow">How long solvers may reveal after the commit deadline.</param>
/// <param name="VerifyWindow">How long coordinators may vote after the reveal deadline.</param>
public sealed record TaskSpec(
    ulong ProjectId,
    ContentId BaseModel,
    string TrainingSpec,
    System.Numerics.BigInteger Reward,
    TimeSpan CommitWindow,
    TimeSpan RevealWindow,
    TimeSpan VerifyWindow);
