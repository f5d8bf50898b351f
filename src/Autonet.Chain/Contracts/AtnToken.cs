using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>Typed wrapper of ATNToken (ERC-20 + ERC20Votes + permit). Amounts are base units (see <see cref="Atn"/>).</summary>
public sealed class AtnToken(Contract contract)
{
    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    public Task<BigInteger> BalanceOfAsync(Address account, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("balanceOf", cancellationToken, account);

    public Task<BigInteger> TotalSupplyAsync(CancellationToken cancellationToken) => Raw.CallAsync<BigInteger>("totalSupply", cancellationToken);

    public Task<BigInteger> AllowanceAsync(Address owner, Address spender, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("allowance", cancellationToken, owner, spender);

    public Task<BigInteger> GetVotesAsync(Address account, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("getVotes", cancellationToken, account);

    public Task<TransactionReceipt> TransferAsync(SigningKey from, Address to, BigInteger amount, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "transfer", cancellationToken, to, amount);

    public Task<TransactionReceipt> ApproveAsync(SigningKey from, Address spender, BigInteger amount, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "approve", cancellationToken, spender, amount);

    public Task<TransactionReceipt> DelegateAsync(SigningKey from, Address delegatee, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "delegate", cancellationToken, delegatee);
}
