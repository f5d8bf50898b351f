// A faucet for dev chains: ETH and ATN sent from anvil's first well-known dev account, which `autonet chain up`
// deploys with and which therefore holds the ATN supply. It refuses any chain whose client is not anvil, so it can
// never be pointed at a real network with a public test key.
using System.Numerics;
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;

namespace Autonet.Chain.Dev;

/// <summary>Funds accounts on an anvil dev chain.</summary>
public static class DevFaucet
{
    // Account 0 of anvil's default mnemonic ("test test … junk"): public, printed by anvil itself at every start.
    private const string DevKeyZero = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Sends <paramref name="eth"/> wei and <paramref name="atn"/> ATN units to <paramref name="to"/>; returns the transaction hashes.</summary>
    /// <exception cref="ChainException">not an anvil chain, or the dev account cannot pay (the message names the client and the rule)</exception>
    public static async Task<IReadOnlyList<Hash32>> FundAsync(AutonetSystem system, Address to, BigInteger eth, BigInteger atn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var client = system.Client;
        var version = (await client.Rpc.CallAsync("web3_clientVersion", [], cancellationToken).ConfigureAwait(false)) is { ValueKind: JsonValueKind.String } v
            ? v.GetString() ?? "" : "";
        if (!version.StartsWith("anvil", StringComparison.OrdinalIgnoreCase))
        {
            throw new ChainException($"faucet: the chain at {client.Rpc.Endpoint} runs '{version}', not anvil; rule: the faucet only runs on a dev chain (`autonet chain up`)");
        }
        using var dev = SigningKey.Parse(DevKeyZero);
        var hashes = new List<Hash32>();
        if (!eth.IsZero)
        {
            hashes.Add((await client.SendAsync(dev, to, [], eth, cancellationToken).ConfigureAwait(false)).TransactionHash);
        }
        if (!atn.IsZero)
        {
            var held = await system.Token.BalanceOfAsync(dev.Address, cancellationToken).ConfigureAwait(false);
            if (held < atn)
            {
                throw new ChainException($"faucet: the dev account {dev.Address} holds {Atn.Format(held)} ATN, less than the {Atn.Format(atn)} asked for; rule: the dev chain's deployer must hold the ATN supply (`autonet chain up` deploys with it)");
            }
            hashes.Add((await system.Token.TransferAsync(dev, to, atn, cancellationToken).ConfigureAwait(false)).TransactionHash);
        }
        return hashes;
    }
}
