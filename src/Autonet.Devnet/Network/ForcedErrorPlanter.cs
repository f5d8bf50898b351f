// Forced errors in a run (ForcedErrorRegistry; seeds: "forced errors catch lazy coordinators"). The planter's accounts
// are ordinary staked solvers, one fresh account per round, all staked when the network starts (NetworkSetup), whose
// solution is a plausible bad delta (ForcedErrorTrainer: a trained delta's opposite, honest in size). The deployer, the
// registry's authorized planter, registers every round's account in advance as a hidden commitment (one transaction
// before the first plant; it keeps the salts). Before the task's commits open it computes the plant itself (training is
// deterministic) and commits to which account plants it and to its content digest, so it cannot flag anyone else's
// solution later; after the votes are revealed it reveals the plant with the account's salt, and the registry records
// each coordinator as having caught it (score <= CATCH_THRESHOLD) or slashes it; a plant whose account never revealed
// its solution (`--planter-attack withhold` keeps it from committing) is abandoned instead, so the task settles without
// waiting FORCED_REVEAL_GRACE. `--planter-attack frame` also registers the honest solvers' addresses and first tries to
// flag one of them instead, which the registry refuses twice.
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Devnet.Faults;
using Autonet.Node.Adapters;
using Autonet.Node.Roles;

namespace Autonet.Devnet.Network;

/// <summary>Plants and reveals one forced error per task and says how each coordinator fared.</summary>
internal sealed class ForcedErrorPlanter(NetworkSetup net, RunData data, PlanterAttack? attack, Action<TxRecord> onTransaction)
{
    private readonly Dictionary<ulong, (NetworkNode Planted, Hash32 Salt, Hash32 Digest)> _plants = [];
    private readonly Dictionary<Address, Hash32> _accountSalts = [];

    /// <summary>
    /// Registers every round's plant account (and, under `--planter-attack frame`, the honest solvers' addresses) in
    /// one transaction; later calls do nothing. <see cref="PlantAsync"/> calls it first, so the registration always
    /// precedes the first plant; call it at network start to register before the first task is proposed.
    /// </summary>
    public async Task RegisterAccountsAsync(CancellationToken cancellationToken)
    {
        if (_accountSalts.Count > 0)
        {
            return;
        }
        var accounts = net.Planters.Select(p => p.Address).ToList();
        if (attack == PlanterAttack.Frame)
        {
            accounts.AddRange(net.Role(NodeRole.Solver).Where(n => !n.IsPlanter).Select(n => n.Address)); // public addresses: any planter can register them
        }
        var salts = accounts.ToDictionary(a => a, _ => new Hash32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var commits = accounts.Select(a => ForcedErrorRegistry.PlantAccountCommitment(net.Admin.Address, a, salts[a])).ToList();
        Record("registerPlantAccounts", 0, await net.Contracts.ForcedErrors.RegisterPlantAccountsAsync(net.Admin, commits, cancellationToken).ConfigureAwait(false));
        foreach (var (account, salt) in salts)
        {
            _accountSalts[account] = salt;
        }
    }

    /// <summary>The planter's account for <paramref name="round"/> (1-based): a fresh one every round.</summary>
    public NetworkNode PlantedIn(int round) => net.Planters[round - 1];

    /// <summary>Commits to the planted account of <paramref name="taskId"/> and its delta's digest (before commits open).</summary>
    public async Task PlantAsync(ulong taskId, int round, CancellationToken cancellationToken)
    {
        await RegisterAccountsAsync(cancellationToken).ConfigureAwait(false); // a block before the plant, as the registry requires
        var planted = PlantedIn(round);
        var task = await planted.Chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"task {taskId} does not exist; nothing to plant in");
        var config = planted.Config ?? throw new InvalidOperationException($"{planted.Name} has no settings yet (NodeWiring configures it before the first round)");
        var digest = await PlantDigest.OfAsync(task, net.Blobs(), NodeRoles.LocalData(config, data.Images, data.Corpus, data.TrainPairs), config.Seed, cancellationToken).ConfigureAwait(false);
        var salt = new Hash32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var flag = ForcedErrorRegistry.FlagCommitment(taskId, planted.Address, digest, salt);
        Record("plantForcedError", taskId, await net.Contracts.ForcedErrors.PlantAsync(net.Admin, taskId, flag, cancellationToken).ConfigureAwait(false));
        _plants[taskId] = (planted, salt, digest);
    }

    /// <summary>
    /// After the vote-reveal deadline: reveals the plant and returns how each coordinator that voted fared; with
    /// `--planter-attack frame` first flags an honest solver's solution and returns the registry's answer to that. When
    /// the planted account never revealed its solution, abandons the plant and returns the account's name as Abandoned.
    /// </summary>
    /// <exception cref="Autonet.Chain.ChainException">The registry refused the reveal or the abandon.</exception>
    public async Task<(List<ForcedErrorReport> Reports, string? Frame, string? Abandoned)> RevealAsync(ulong taskId, IReadOnlyDictionary<Address, string> names, CancellationToken cancellationToken)
    {
        if (!_plants.TryGetValue(taskId, out var plant))
        {
            return ([], null, null);
        }
        var registry = net.Contracts.ForcedErrors;
        string Name(object address) => names.TryGetValue((Address)address, out var name) ? name : address.ToString()!;
        var task = await plant.Planted.Chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is not null && !task.Solutions.Any(s => s.Solver == plant.Planted.Address && s.Revealed))
        {
            var abandoned = await registry.AbandonAsync(net.Admin, taskId, plant.Planted.Address, plant.Digest, plant.Salt, _accountSalts[plant.Planted.Address], cancellationToken).ConfigureAwait(false);
            Record("abandonForcedError", taskId, abandoned);
            return ([], null, Name(plant.Planted.Address));
        }
        var frame = attack == PlanterAttack.Frame ? await FrameAsync(taskId, plant.Planted, plant.Salt, Name, cancellationToken).ConfigureAwait(false) : null;
        var accountSalt = _accountSalts[plant.Planted.Address]; // registered by PlantAsync
        var receipt = await registry.RevealAsync(net.Admin, taskId, plant.Planted.Address, plant.Salt, accountSalt, cancellationToken).ConfigureAwait(false);
        Record("revealForcedError", taskId, receipt);
        static uint Bp(object score) => (uint)(BigInteger)score;
        var reports = registry.Raw.Events(receipt, "ForcedErrorCaught")
            .Select(e => new ForcedErrorReport(Name(e["coordinator"]), true, Bp(e["score"]), null))
            .Concat(registry.Raw.Events(receipt, "ForcedErrorMissed")
                .Select(e => new ForcedErrorReport(Name(e["coordinator"]), false, Bp(e["score"]), Atn.Format((BigInteger)e["penalty"]))))
            .ToList();
        return (reports, frame, null);
    }

    // The framing attempts, with the plant's flag salt and the first other revealed solver's address: opened with the
    // plant account's salt, the victim is no registered plant account (PlantAccountNotRegistered); opened with the salt
    // of the victim's own registration (made in advance, RegisterAccountsAsync), the flag does not match, since the
    // registry computes it from the digest the victim revealed, which the planter could not know before commits opened
    // (RevealMismatch).
    private async Task<string> FrameAsync(ulong taskId, NetworkNode planted, Hash32 salt, Func<object, string> name, CancellationToken cancellationToken)
    {
        var task = await planted.Chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var victim = task?.Solutions.FirstOrDefault(s => s.Revealed && s.Solver != planted.Address)?.Solver
            ?? throw new InvalidOperationException($"frame: task {taskId} has no other revealed solution to flag");
        var refusals = new List<string>();
        foreach (var (how, accountSalt) in new[] { ("as the plant account", _accountSalts[planted.Address]), ("as registered itself", _accountSalts[victim]) })
        {
            try
            {
                var receipt = await net.Contracts.ForcedErrors.RevealAsync(net.Admin, taskId, victim, salt, accountSalt, cancellationToken).ConfigureAwait(false);
                Record("frameForcedError", taskId, receipt);
                return $"accepted: {name(victim)} flagged as the plant ({how})";
            }
            catch (Autonet.Chain.ChainException e)
            {
                net.Client.ResetNonces(); // the refused transaction may have taken the admin's next nonce in the cache
                refusals.Add($"{how}: {e.Message}");
            }
        }
        return $"refused: flagging {name(victim)}: {string.Join("; ", refusals)}";
    }

    private void Record(string action, ulong taskId, TransactionReceipt receipt) =>
        onTransaction(new TxRecord(net.Admin.Address, action, taskId, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed.ToString(CultureInfo.InvariantCulture)));
}
