// Forced errors in a run (ForcedErrorRegistry; seeds: "forced errors catch lazy coordinators"): the planter node is
// an ordinary staked solver whose solution is known to be bad (ForcedErrorTrainer); before the task's commits open the
// deployer, the registry's authorized planter, computes that solution itself (the trainer is deterministic) and commits
// to which solver plants it and to its content digest, so it cannot flag anyone else's solution later; after the votes
// are revealed it reveals the plant, and the registry records each coordinator as having caught it (score <=
// CATCH_THRESHOLD) or slashes it. The planter's key is the deployer's in a lockstep run and the proposer's in a daemon
// run (PlanterDuty, where the salts are saved in the proposer's node.db so a restarted daemon can still reveal).
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Devnet.Faults;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Network;

/// <summary>Plants and reveals one forced error per task and says how each coordinator fared.</summary>
internal sealed class ForcedErrorPlanter(
    IChain reader, ForcedErrorRegistry registry, SigningKey planter, IBlobStore blobs, Address planted, Action<TxRecord> onTransaction, IStateStore<PlantedSalt>? saved = null)
{
    private readonly Dictionary<ulong, Hash32> _salts = [];

    /// <summary>Commits to the planted solver of <paramref name="taskId"/> and its delta's digest (before commits open).</summary>
    public async Task PlantAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var task = await reader.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"task {taskId} does not exist; nothing to plant in");
        var baseBytes = await blobs.GetAsync(task.BaseModel, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"task {taskId}: base model {task.BaseModel} is not in the blob store");
        var codec = new JepaCodec();
        if (!codec.TryDecodeModel(baseBytes, out var baseModel, out var reason))
        {
            throw new InvalidOperationException($"task {taskId}: base model {task.BaseModel} does not decode: {reason}");
        }
        var delta = await new ForcedErrorTrainer().TrainAsync(baseModel, task, cancellationToken).ConfigureAwait(false);
        var digest = ContentId.Of(codec.EncodeDelta(baseModel, delta)).Digest; // the bytes the planted node will reveal
        var salt = new Hash32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var flag = ForcedErrorRegistry.FlagCommitment(taskId, planted, digest, salt);
        if (saved is not null)
        {
            await saved.SaveAsync(Key(taskId), new PlantedSalt(taskId, salt), cancellationToken).ConfigureAwait(false); // durable before the commitment exists
        }
        Record("plantForcedError", taskId, await registry.PlantAsync(planter, taskId, flag, cancellationToken).ConfigureAwait(false));
        _salts[taskId] = salt;
    }

    /// <summary>After the vote-reveal deadline: reveals the plant and returns how each coordinator that voted fared.</summary>
    /// <exception cref="Autonet.Chain.ChainException">The registry refused the reveal (e.g. the planted solution was never revealed).</exception>
    public async Task<List<ForcedErrorReport>> RevealAsync(ulong taskId, IReadOnlyDictionary<Address, string> names, CancellationToken cancellationToken)
    {
        if (!_salts.TryGetValue(taskId, out var salt))
        {
            if (saved is null || await saved.LoadAsync(Key(taskId), cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return [];
            }
            salt = found.Salt;
        }
        var receipt = await registry.RevealAsync(planter, taskId, planted, salt, cancellationToken).ConfigureAwait(false);
        Record("revealForcedError", taskId, receipt);
        string Name(object address) => names.TryGetValue((Address)address, out var name) ? name : address.ToString()!;
        static uint Bp(object score) => (uint)(BigInteger)score;
        return registry.Raw.Events(receipt, "ForcedErrorCaught")
            .Select(e => new ForcedErrorReport(Name(e["coordinator"]), true, Bp(e["score"]), null))
            .Concat(registry.Raw.Events(receipt, "ForcedErrorMissed")
                .Select(e => new ForcedErrorReport(Name(e["coordinator"]), false, Bp(e["score"]), Atn.Format((BigInteger)e["penalty"]))))
            .ToList();
    }

    private static string Key(ulong taskId) => string.Create(CultureInfo.InvariantCulture, $"planter/{taskId}");

    private void Record(string action, ulong taskId, TransactionReceipt receipt) =>
        onTransaction(new TxRecord(planter.Address, action, taskId, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed.ToString(CultureInfo.InvariantCulture)));
}
