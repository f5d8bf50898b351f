using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;

namespace Autonet.Chain.Contracts;

/// <summary>Deploys compiled contracts (a create transaction: creation code + constructor arguments) and registers their errors for revert decoding.</summary>
public static class ContractDeployer
{
    /// <summary>Deploys and returns a binding at the new address.</summary>
    /// <exception cref="ChainException">The constructor reverted or the receipt names no contract address.</exception>
    public static async Task<(Contract Contract, TransactionReceipt Receipt)> DeployAsync(
        ChainClient client, SigningKey from, CompiledContract compiled, CancellationToken cancellationToken, params object[] constructorArguments)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(compiled);
        client.Reverts.Add(compiled.Abi.Errors);
        TransactionReceipt receipt;
        try
        {
            receipt = await client.SendAsync(from, null, compiled.CreationData(constructorArguments), BigInteger.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException error)
        {
            throw new ChainException($"deploying {compiled.Name}: {error.Message}", error.RpcCode, error.Revert);
        }
        var address = receipt.ContractAddress
            ?? throw new ChainException($"deploying {compiled.Name}: receipt {receipt.TransactionHash} has no contract address");
        return (new Contract(client, address, compiled.Abi, compiled.Name), receipt);
    }
}
