using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Dev;
using Autonet.Core.Hashing;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>
/// InferenceMarket on anvil: C# EIP-712 digests equal Solidity's, the split of a redemption, replayed, stale, forged and
/// over-deposit vouchers refused with their values, rates only by the project owner, and disputes voted by coordinators.
/// </summary>
[Collection(SystemCollection.Name)]
public class InferenceMarketTests(SystemFixture fixture) : SystemTestBase(fixture)
{
    private InferenceMarket Market => Fixture.Contracts.Market!;

    private SigningKey Provider => Fixture.Solvers[0];

    private SigningKey Client => Fixture.Solvers[1];

    [Fact]
    public async Task Digests_VoucherAndReceipt_EqualTheContracts()
    {
        var voucher = new Voucher(Client.Address, Provider.Address, 7, Atn.Units(3) + 1);
        Assert.Equal(await Market.VoucherDigestAsync(voucher, None), voucher.Digest(Market.Domain));
        var receipt = new InferenceReceipt(Provider.Address, Client.Address, 7, 2, Keccak256.Hash("request"u8), Keccak256.Hash("response"u8));
        Assert.Equal(await Market.ReceiptDigestAsync(receipt, None), receipt.Digest(Market.Domain));
        Assert.Equal(Provider.Address, receipt.RecoverSigner(Market.Domain, receipt.Sign(Market.Domain, Provider)));
        Assert.Null(receipt.RecoverSigner(Market.Domain, new byte[64]));
    }

    [Fact]
    public async Task Redeem_TwoVouchers_PaysTheNewPartSplitByTheProjectsRates()
    {
        var projectId = await OpenChannelAsync(Atn.Units(10));
        await Market.SetRatesAsync(Fixture.Owner, projectId, new RevenueRates(7000, 2000, 1000), None);
        var (providerBefore, treasuryBefore, budgetBefore) = await BalancesAsync(projectId);

        var first = await RedeemAsync(projectId, Atn.Units(2));
        var second = await RedeemAsync(projectId, Atn.Units(5));

        Assert.Equal(Atn.Units(2), first.Amount);
        Assert.Equal(Atn.Units(3), second.Amount); // cumulative: only what is new
        var (providerAfter, treasuryAfter, budgetAfter) = await BalancesAsync(projectId);
        Assert.Equal(Atn.Units(5) * 7 / 10, providerAfter - providerBefore);
        Assert.Equal(Atn.Units(5) * 2 / 10, budgetAfter - budgetBefore); // the project's share funds its budget
        Assert.Equal(Atn.Units(5) / 10, treasuryAfter - treasuryBefore);
        Assert.Equal(Atn.Units(5), (await Market.ChannelOfAsync(Client.Address, Provider.Address, projectId, None)).Redeemed);
    }

    [Fact]
    public async Task Redeem_ReplayedOrStaleVoucher_RevertsVoucherAlreadyRedeemed()
    {
        var projectId = await OpenChannelAsync(Atn.Units(10));
        await RedeemAsync(projectId, Atn.Units(4));

        var replay = await Assert.ThrowsAsync<ChainException>(() => RedeemAsync(projectId, Atn.Units(4)));
        var stale = await Assert.ThrowsAsync<ChainException>(() => RedeemAsync(projectId, Atn.Units(3)));

        Assert.Equal("VoucherAlreadyRedeemed", replay.Revert?.Name);
        Assert.Equal(new object[] { Atn.Units(4), Atn.Units(4) }, replay.Revert?.Values);
        Assert.Equal(new object[] { Atn.Units(3), Atn.Units(4) }, stale.Revert?.Values);
    }

    [Fact]
    public async Task Redeem_OverDepositOrForged_Reverts()
    {
        var projectId = await OpenChannelAsync(Atn.Units(10));

        var over = await Assert.ThrowsAsync<ChainException>(() => RedeemAsync(projectId, Atn.Units(10) + 1));
        var voucher = new Voucher(Client.Address, Provider.Address, projectId, Atn.Units(1));
        var forged = voucher with { Client = Fixture.Outsider.Address };
        var wrongSigner = await Assert.ThrowsAsync<ChainException>(() =>
            Market.RedeemAsync(Provider, voucher, forged.Sign(Market.Domain, Fixture.Outsider), None));

        Assert.Equal("VoucherOverDeposit", over.Revert?.Name);
        Assert.Equal(new object[] { Atn.Units(10) + 1, Atn.Units(10) }, over.Revert?.Values);
        Assert.Equal("InvalidVoucherSignature", wrongSigner.Revert?.Name);
    }

    [Fact]
    public async Task SetRates_ByOutsiderOrNotSumming_Reverts()
    {
        var projectId = await Fixture.Contracts.Project.CreateProjectAsync(Fixture.Owner, "bafkreimarket", "", None);

        var outsider = await Assert.ThrowsAsync<ChainException>(() => Market.SetRatesAsync(Fixture.Outsider, projectId, new RevenueRates(8000, 1000, 1000), None));
        var sum = await Assert.ThrowsAsync<ChainException>(() => Market.SetRatesAsync(Fixture.Owner, projectId, new RevenueRates(8000, 1000, 999), None));

        Assert.Equal("NotProjectOwner", outsider.Revert?.Name);
        Assert.Equal("RatesDoNotSum", sum.Revert?.Name);
        Assert.Equal(new object[] { new BigInteger(9999) }, sum.Revert?.Values);
        Assert.Equal(new RevenueRates(8000, 1500, 500), await Market.RatesOfAsync(projectId, None)); // the defaults stand
    }

    [Fact]
    public async Task Withdraw_AfterDelay_ReturnsTheUnredeemedAndVoidsLaterVouchers()
    {
        var projectId = await OpenChannelAsync(Atn.Units(10));
        await RedeemAsync(projectId, Atn.Units(4));
        await Market.RequestWithdrawalAsync(Client, Provider.Address, projectId, None);
        var early = await Assert.ThrowsAsync<ChainException>(() => Market.WithdrawAsync(Client, Provider.Address, projectId, None));
        await Fixture.Client.AdvanceTimeAsync(TimeSpan.FromDays(1), None);
        var before = await Fixture.Contracts.Token.BalanceOfAsync(Client.Address, None);

        await Market.WithdrawAsync(Client, Provider.Address, projectId, None);

        Assert.Equal("WithdrawalNotReady", early.Revert?.Name);
        Assert.Equal(Atn.Units(6), await Fixture.Contracts.Token.BalanceOfAsync(Client.Address, None) - before);
        var late = await Assert.ThrowsAsync<ChainException>(() => RedeemAsync(projectId, Atn.Units(5)));
        Assert.Equal("VoucherOverDeposit", late.Revert?.Name);
    }

    [Fact]
    public async Task Dispute_CoordinatorsRecomputeAnotherHash_ProviderSlashedClientPaid()
    {
        var projectId = await OpenChannelAsync(Atn.Units(10));
        var request = "POST /v1/kvectors\n{}"u8.ToArray();
        var receipt = new InferenceReceipt(Provider.Address, Client.Address, projectId, 1, Keccak256.Hash(request), Keccak256.Hash("wrong"u8));
        foreach (var coordinator in Fixture.Coordinators)
        {
            await Fixture.Contracts.Staking.StakeAsync(coordinator, StakingRole.Coordinator, Atn.Units(500), None);
        }
        var clientBefore = await Fixture.Contracts.Token.BalanceOfAsync(Client.Address, None);
        var id = await Market.OpenDisputeAsync(Client, receipt, receipt.Sign(Market.Domain, Provider), request, None);
        var again = await Assert.ThrowsAsync<ChainException>(() => Market.OpenDisputeAsync(Client, receipt, receipt.Sign(Market.Domain, Provider), request, None));
        var locked = await Assert.ThrowsAsync<ChainException>(() => Market.UnstakeProviderAsync(Provider, projectId, Atn.Units(100), None));
        foreach (var coordinator in Fixture.Coordinators)
        {
            await Market.VoteDisputeAsync(coordinator, id, Keccak256.Hash("right"u8), None);
        }
        var early = await Assert.ThrowsAsync<ChainException>(() => Market.ResolveDisputeAsync(Fixture.Outsider, id, None));
        await Fixture.Client.AdvanceTimeAsync(await Market.VoteWindowAsync(None), None);

        await Market.ResolveDisputeAsync(Fixture.Outsider, id, None);

        Assert.Equal("ReceiptAlreadyDisputed", again.Revert?.Name);
        Assert.True(locked.Revert?.Name is "StakeLocked" or "DisputesOpen");
        Assert.Equal("VotingOpen", early.Revert?.Name);
        var dispute = await Market.DisputeOfAsync(id, None);
        Assert.Equal(DisputeState.Upheld, dispute.State);
        Assert.Equal(Atn.Units(1000), dispute.WrongStake);
        Assert.Equal(Atn.Units(50), (await Market.ProviderOfAsync(Provider.Address, projectId, None)).Stake); // half of 100 slashed
        Assert.Equal(Atn.Units(25), await Fixture.Contracts.Token.BalanceOfAsync(Client.Address, None) - clientBefore); // half of the slash; bond back
    }

    [Fact]
    public async Task Dispute_CoordinatorsAgreeWithProvider_BondGoesToProvider()
    {
        var projectId = await OpenChannelAsync(Atn.Units(10));
        var request = "POST /v1/kvectors\n{}"u8.ToArray();
        var response = Keccak256.Hash("right"u8);
        var receipt = new InferenceReceipt(Provider.Address, Client.Address, projectId, 1, Keccak256.Hash(request), response);
        await Fixture.Contracts.Staking.StakeAsync(Fixture.Coordinators[0], StakingRole.Coordinator, Atn.Units(500), None);
        var wrongRequest = await Assert.ThrowsAsync<ChainException>(() => Market.OpenDisputeAsync(Client, receipt, receipt.Sign(Market.Domain, Provider), "other"u8.ToArray(), None));
        var id = await Market.OpenDisputeAsync(Client, receipt, receipt.Sign(Market.Domain, Provider), request, None);
        var outsider = await Assert.ThrowsAsync<ChainException>(() => Market.VoteDisputeAsync(Fixture.Outsider, id, response, None));
        await Market.VoteDisputeAsync(Fixture.Coordinators[0], id, response, None);
        await Fixture.Client.AdvanceTimeAsync(await Market.VoteWindowAsync(None), None);
        var providerBefore = await Fixture.Contracts.Token.BalanceOfAsync(Provider.Address, None);

        await Market.ResolveDisputeAsync(Fixture.Outsider, id, None);

        Assert.Equal("RequestHashMismatch", wrongRequest.Revert?.Name);
        Assert.Equal("NotEligibleVoter", outsider.Revert?.Name);
        Assert.Equal(DisputeState.Rejected, (await Market.DisputeOfAsync(id, None)).State);
        Assert.Equal(await Market.DisputeBondAsync(None), await Fixture.Contracts.Token.BalanceOfAsync(Provider.Address, None) - providerBefore);
        Assert.Equal(Atn.Units(100), (await Market.ProviderOfAsync(Provider.Address, projectId, None)).Stake);
    }

    private async Task<BigInteger> OpenChannelAsync(BigInteger deposit)
    {
        var projectId = await Fixture.Contracts.Project.CreateProjectAsync(Fixture.Owner, "bafkreimarket", "", None);
        await Market.RegisterProviderAsync(Provider, projectId, Atn.Units(100), Atn.One / 100, "http://127.0.0.1:8080/", None);
        await Market.DepositAsync(Client, Provider.Address, projectId, deposit, None);
        return projectId;
    }

    private Task<Redemption> RedeemAsync(BigInteger projectId, BigInteger cumulative)
    {
        var voucher = new Voucher(Client.Address, Provider.Address, projectId, cumulative);
        return Market.RedeemAsync(Provider, voucher, voucher.Sign(Market.Domain, Client), None);
    }

    private async Task<(BigInteger Provider, BigInteger Treasury, BigInteger Budget)> BalancesAsync(BigInteger projectId) =>
        (await Fixture.Contracts.Token.BalanceOfAsync(Provider.Address, None),
         await Fixture.Contracts.Token.BalanceOfAsync(Fixture.Chain.DevKeys[1].Address, None),
         await Fixture.Contracts.Project.BudgetOfAsync(projectId, None));
}
