// Forced errors in a daemon run (ForcedErrorRegistry; seeds: "forced errors catch lazy coordinators"): the proposer
// daemon is the registry's planter, with its own key (PlanterDuty). As in lockstep (ForcedErrorPlanter) the planted
// solutions come from fresh staked accounts, one per task of the project (the n-th task's plant from the n-th
// account, PlantRoundChain), registered in advance as hidden commitments (one transaction before the first plant).
// Before a task's commits open it computes the plant itself from the planted account's own config.yaml (the same
// trainer that node builds, so the same bytes) and commits to the account and the delta's digest; after the votes are
// revealed it reveals with the flag's and the account's salts, or, when the planted account never revealed its solution
// (it missed the commit window on a loaded machine, say), abandons the plant, so finalize need not wait a day of real
// block time (FORCED_REVEAL_GRACE). Every salt (and the plant's digest) is saved in the proposer's node.db before the
// transaction that needs it, so a restarted daemon can still reveal or abandon.
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Roles;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Network;

/// <summary>One of the planter's fresh accounts in a daemon run: its address and its node home (for its config.yaml).</summary>
public sealed record PlantAccount(Address Account, string Home);

/// <summary>Plants and reveals the forced error of every task a proposer daemon posts.</summary>
internal sealed class DaemonPlanter(
    TaskReader reader, ForcedErrorRegistry registry, SigningKey planter, IBlobStore blobs, IReadOnlyList<PlantAccount> accounts,
    Action<TxRecord> onTransaction, IStateStore<PlantedSalt> saved)
{
    private const string RegisteredKey = "planter/registered";

    /// <summary>Commits to the planted account of <paramref name="taskId"/> and its delta's digest (before commits open).</summary>
    public async Task PlantAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var task = await reader.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"task {taskId} does not exist; nothing to plant in");
        if (await AccountForAsync(task.ProjectId, taskId, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return; // more tasks than plant accounts: this one has no forced error
        }
        await RegisterAsync(cancellationToken).ConfigureAwait(false); // a block before the plant, as the registry requires
        var home = new NodeHome(account.Home);
        var settings = Autonet.Node.Config.AutonetConfig.Load(home);
        var config = NodeConfig.From(settings, key: null); // the launcher set its node.seed: no key of the account's is needed
        var data = NodeRoles.LoadLocalData(config, settings.TextData());
        var digest = await PlantDigest.OfAsync(task, blobs, data, config.Seed, cancellationToken).ConfigureAwait(false);
        var salt = NewSalt();
        await saved.SaveAsync(FlagKey(taskId), new PlantedSalt(taskId, salt, digest), cancellationToken).ConfigureAwait(false); // durable before the commitment exists
        var flag = ForcedErrorRegistry.FlagCommitment(taskId, account.Account, digest, salt);
        Record("plantForcedError", taskId, await registry.PlantAsync(planter, taskId, flag, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// After the vote-reveal deadline: reveals the plant and returns how each coordinator that voted fared, or abandons
    /// it (and returns no verdicts) when the planted account never revealed its solution in the task.
    /// </summary>
    /// <exception cref="Autonet.Chain.ChainException">The registry refused the reveal or the abandon.</exception>
    public async Task<List<ForcedErrorReport>> RevealAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var task = await reader.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null || await saved.LoadAsync(FlagKey(taskId), cancellationToken).ConfigureAwait(false) is not { } flag
            || await AccountForAsync(task.ProjectId, taskId, cancellationToken).ConfigureAwait(false) is not { } account
            || await saved.LoadAsync(AccountKey(account.Account), cancellationToken).ConfigureAwait(false) is not { } accountSalt)
        {
            return [];
        }
        if (!task.Solutions.Any(s => s.Solver == account.Account && s.Revealed) && flag.Digest is { } digest)
        {
            Record("abandonForcedError", taskId, await registry.AbandonAsync(planter, taskId, account.Account, digest, flag.Salt, accountSalt.Salt, cancellationToken).ConfigureAwait(false));
            return [];
        }
        var receipt = await registry.RevealAsync(planter, taskId, account.Account, flag.Salt, accountSalt.Salt, cancellationToken).ConfigureAwait(false);
        Record("revealForcedError", taskId, receipt);
        static uint Bp(object score) => (uint)(BigInteger)score;
        return registry.Raw.Events(receipt, "ForcedErrorCaught")
            .Select(e => new ForcedErrorReport(e["coordinator"].ToString()!, true, Bp(e["score"]), null))
            .Concat(registry.Raw.Events(receipt, "ForcedErrorMissed")
                .Select(e => new ForcedErrorReport(e["coordinator"].ToString()!, false, Bp(e["score"]), Atn.Format((BigInteger)e["penalty"]))))
            .ToList();
    }

    // The n-th task of the project (1-based) plants from the n-th account, as PlantRoundChain lets only that one join.
    private async Task<PlantAccount?> AccountForAsync(ulong projectId, ulong taskId, CancellationToken cancellationToken)
    {
        var tasks = await reader.ListTasksAsync(projectId, cancellationToken).ConfigureAwait(false);
        var ordinal = tasks.Select(t => t.TaskId).ToList().IndexOf(taskId) + 1;
        return ordinal >= 1 && ordinal <= accounts.Count ? accounts[ordinal - 1] : null;
    }

    // Every account's salt is saved, then all are registered in one transaction, then a marker; a crash before the
    // marker registers fresh salts again (a new commitment per account, which the registry accepts).
    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        if (await saved.LoadAsync(RegisteredKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }
        var commitments = new List<Hash32>();
        foreach (var account in accounts)
        {
            var salt = NewSalt();
            await saved.SaveAsync(AccountKey(account.Account), new PlantedSalt(0, salt), cancellationToken).ConfigureAwait(false);
            commitments.Add(ForcedErrorRegistry.PlantAccountCommitment(planter.Address, account.Account, salt));
        }
        Record("registerPlantAccounts", 0, await registry.RegisterPlantAccountsAsync(planter, commitments, cancellationToken).ConfigureAwait(false));
        await saved.SaveAsync(RegisteredKey, new PlantedSalt(0, Hash32.Zero), cancellationToken).ConfigureAwait(false);
    }

    private static Hash32 NewSalt() => new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static string FlagKey(ulong taskId) => string.Create(CultureInfo.InvariantCulture, $"planter/{taskId}");

    private static string AccountKey(Address account) => $"planter/account/{account}";

    private void Record(string action, ulong taskId, TransactionReceipt receipt) =>
        onTransaction(new TxRecord(planter.Address, action, taskId, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed.ToString(CultureInfo.InvariantCulture)));
}
