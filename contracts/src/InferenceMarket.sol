// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The inference market (seeds 002 and 003): providers stake per project to serve its published model; a client
// deposits ATN once into a channel with one provider and pays per request with EIP-712 cumulative vouchers signed off
// chain; the provider redeems the latest one, and each redemption is split between the provider, the project's budget
// and the treasury by the rates the project owner set. Every response carries the provider's EIP-712 receipt over
// the request and response hashes: a client that recomputes a different response opens a dispute, staked coordinators
// re-execute the request and vote the hash they got, and a stake majority against the provider slashes it. The chain
// does not run the encoder or price requests (the advertised price is for clients; vouchers carry running totals).

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IParticipantStaking} from "./interfaces/IParticipantStaking.sol";
import {IProject} from "./interfaces/IProject.sol";
import {Role} from "./interfaces/Role.sol";

/// @notice Project.getProject's record, as far as the market reads it (its owner sets the rates).
struct ProjectRecord {
    address owner;
    string metadataCid;
    uint256 budget;
    uint256 latestRound;
}

/// @notice The part of Project the market reads.
interface IProjectRecords {
    function getProject(uint256 projectId) external view returns (ProjectRecord memory);
}

/// @title InferenceMarket
/// @notice Provider stakes, client deposits, cumulative vouchers, revenue split and wrong-answer disputes.
contract InferenceMarket is EIP712 {
    using SafeERC20 for IERC20;

    struct Provider {
        uint256 stake;
        uint256 price;
        uint64 unlockAt;
        uint32 openDisputes;
        string endpoint;
    }

    struct Channel {
        uint256 deposited;
        uint256 redeemed;
        uint256 withdrawn;
        uint64 withdrawableAt;
    }

    struct Rates {
        uint16 providerBps;
        uint16 projectBps;
        uint16 treasuryBps;
    }

    /// @notice The signed receipt of one response (EIP-712 struct `Receipt`).
    struct Receipt {
        address provider;
        address client;
        uint256 projectId;
        uint256 round;
        bytes32 requestHash;
        bytes32 responseHash;
    }

    enum DisputeState {
        None,
        Open,
        Upheld,
        Rejected,
        Unjudged
    }

    struct Dispute {
        Receipt receipt;
        uint256 bond;
        uint64 voteDeadline;
        uint256 wrongStake;
        uint256 rightStake;
        DisputeState state;
    }

    /// @notice EIP-712 type of a voucher: the client owes the provider `cumulative` ATN in total for `projectId`.
    bytes32 public constant VOUCHER_TYPEHASH =
        keccak256("Voucher(address client,address provider,uint256 projectId,uint256 cumulative)");
    /// @notice EIP-712 type of a receipt.
    bytes32 public constant RECEIPT_TYPEHASH = keccak256(
        "Receipt(address provider,address client,uint256 projectId,uint256 round,bytes32 requestHash,bytes32 responseHash)"
    );
    /// @notice Least stake a provider holds per project (100 ATN).
    uint256 public constant MIN_PROVIDER_STAKE = 100 ether;
    /// @notice A provider's stake stays locked this long after its last stake.
    uint64 public constant PROVIDER_LOCK = 7 days;
    /// @notice A client's unredeemed deposit can be withdrawn this long after asking, so the provider can redeem first.
    uint64 public constant WITHDRAW_DELAY = 1 days;
    /// @notice What a client posts to open a dispute (10 ATN): returned if upheld or unjudged, else paid to the provider.
    uint256 public constant DISPUTE_BOND = 10 ether;
    /// @notice Coordinators vote for this long after a dispute opens.
    uint64 public constant VOTE_WINDOW = 1 days;
    /// @notice Share of the provider's stake an upheld dispute slashes (50%).
    uint16 public constant SLASH_BPS = 5000;
    /// @notice Share of the slashed amount paid to the client who proved the wrong answer (50%); the rest to the treasury.
    uint16 public constant CHALLENGER_BPS = 5000;
    /// @notice Rates of a project whose owner set none: 80% provider, 15% project, 5% treasury.
    uint16 public constant DEFAULT_PROVIDER_BPS = 8000;
    uint16 public constant DEFAULT_PROJECT_BPS = 1500;

    /// @notice The payment and stake token (ATN).
    IERC20 public immutable token;
    /// @notice Coordinator stakes that weigh dispute votes.
    IParticipantStaking public immutable staking;
    /// @notice Projects: owners, budgets.
    address public immutable project;
    /// @notice Receiver of the treasury share and of slashed stake.
    address public immutable treasury;
    /// @notice Number of disputes opened; ids run from 1 to this value.
    uint256 public disputeCount;

    mapping(address provider => mapping(uint256 projectId => Provider)) private _providers;
    mapping(address client => mapping(address provider => mapping(uint256 projectId => Channel))) private _channels;
    mapping(uint256 projectId => Rates) private _rates;
    mapping(uint256 disputeId => Dispute) private _disputes;
    mapping(uint256 disputeId => mapping(address coordinator => bool)) private _voted;
    mapping(bytes32 receiptDigest => uint256 disputeId) private _disputeOfReceipt;

    /// @notice Emitted when `provider` staked `amount` for `projectId` (new total `stake`) and set its price and endpoint.
    event ProviderRegistered(address indexed provider, uint256 indexed projectId, uint256 amount, uint256 stake, uint256 price, string endpoint);
    /// @notice Emitted when `provider` withdrew `amount` of its stake for `projectId`.
    event ProviderUnstaked(address indexed provider, uint256 indexed projectId, uint256 amount, uint256 stake);
    /// @notice Emitted when the owner of `projectId` set its revenue split.
    event RatesSet(uint256 indexed projectId, uint16 providerBps, uint16 projectBps, uint16 treasuryBps);
    /// @notice Emitted when `client` deposited `amount` for requests to `provider` (new total `deposited`).
    event Deposited(address indexed client, address indexed provider, uint256 indexed projectId, uint256 amount, uint256 deposited);
    /// @notice Emitted when `client` asked to withdraw what is unredeemed, possible from `withdrawableAt`.
    event WithdrawalRequested(address indexed client, address indexed provider, uint256 indexed projectId, uint64 withdrawableAt);
    /// @notice Emitted when `client` withdrew `amount`, its unredeemed deposit.
    event Withdrawn(address indexed client, address indexed provider, uint256 indexed projectId, uint256 amount);
    /// @notice Emitted when `provider` redeemed `client`'s voucher for `cumulative` in total, `amount` of it new.
    event VoucherRedeemed(
        address indexed client, address indexed provider, uint256 indexed projectId,
        uint256 cumulative, uint256 amount, uint256 providerShare, uint256 projectShare, uint256 treasuryShare
    );
    /// @notice Emitted when `client` disputed a receipt of `provider`; `request` is what coordinators re-execute.
    event DisputeOpened(
        uint256 indexed disputeId, address indexed client, address indexed provider, uint256 projectId, uint256 round,
        bytes32 requestHash, bytes32 responseHash, bytes request, uint64 voteDeadline
    );
    /// @notice Emitted when `coordinator` voted the response hash it recomputed, weighing `stake`.
    event DisputeVoted(uint256 indexed disputeId, address indexed coordinator, bytes32 recomputedHash, bool providerWrong, uint256 stake);
    /// @notice Emitted when a dispute was settled: `slashed` from the provider, `challengerPaid` of it to the client.
    event DisputeResolved(uint256 indexed disputeId, DisputeState state, uint256 slashed, uint256 challengerPaid, uint256 wrongStake, uint256 rightStake);

    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The address is zero.
    error ZeroAddress();
    /// @notice `caller` is not the owner of `projectId`.
    error NotProjectOwner(uint256 projectId, address caller);
    /// @notice The rates add up to `sum` basis points, not 10000.
    error RatesDoNotSum(uint256 sum);
    /// @notice After this operation `provider`'s stake for `projectId` would be `stake`: above zero but below `minimum`.
    error ProviderStakeTooLow(address provider, uint256 projectId, uint256 stake, uint256 minimum);
    /// @notice `provider` is not staked for `projectId`.
    error NotProvider(address provider, uint256 projectId);
    /// @notice The stake is locked until `unlockAt`; it is now `nowTime`.
    error StakeLocked(address provider, uint64 unlockAt, uint64 nowTime);
    /// @notice `openDisputes` disputes against the provider are unsettled; its stake stays until they are.
    error DisputesOpen(address provider, uint256 projectId, uint32 openDisputes);
    /// @notice `provider` has `stake` for the project, less than `requested`.
    error InsufficientStake(address provider, uint256 stake, uint256 requested);
    /// @notice The voucher was signed by `signer`, not by the client `client`.
    error InvalidVoucherSignature(address client, address signer);
    /// @notice The voucher's total `cumulative` is not above the `redeemed` total: a replayed or stale voucher.
    error VoucherAlreadyRedeemed(uint256 cumulative, uint256 redeemed);
    /// @notice The voucher's total `cumulative` is above the `available` deposit (deposited minus withdrawn).
    error VoucherOverDeposit(uint256 cumulative, uint256 available);
    /// @notice The client asked for no withdrawal, or it is possible only from `withdrawableAt`.
    error WithdrawalNotReady(uint64 withdrawableAt, uint64 nowTime);
    /// @notice Nothing of the deposit is left unredeemed.
    error NothingToWithdraw();
    /// @notice The receipt was signed by `signer`, not by its provider `provider`.
    error InvalidReceiptSignature(address provider, address signer);
    /// @notice Only the receipt's client `client` may dispute it; `caller` tried.
    error NotReceiptClient(address client, address caller);
    /// @notice keccak256 of the request bytes is `actual`, not the receipt's `requestHash`.
    error RequestHashMismatch(bytes32 requestHash, bytes32 actual);
    /// @notice This receipt is already disputed as `disputeId`.
    error ReceiptAlreadyDisputed(uint256 disputeId);
    /// @notice No dispute has id `disputeId`.
    error UnknownDispute(uint256 disputeId);
    /// @notice Dispute `disputeId` is `current`, not Open.
    error DisputeNotOpen(uint256 disputeId, DisputeState current);
    /// @notice Voting on `disputeId` closed at `voteDeadline`; it is now `nowTime`.
    error VotingClosed(uint256 disputeId, uint64 voteDeadline, uint64 nowTime);
    /// @notice Voting on `disputeId` is open until `voteDeadline`; it is now `nowTime`.
    error VotingOpen(uint256 disputeId, uint64 voteDeadline, uint64 nowTime);
    /// @notice `voter` holds no active Coordinator stake, or is a party to the dispute, or already voted.
    error NotEligibleVoter(uint256 disputeId, address voter);

    /// @param token_ The ATN token.
    /// @param staking_ ParticipantStaking (Coordinator stakes weigh dispute votes).
    /// @param project_ Project (owners set rates; the project share funds the budget).
    /// @param treasury_ Receiver of the treasury share and slashed stake.
    constructor(IERC20 token_, IParticipantStaking staking_, address project_, address treasury_)
        EIP712("Autonet InferenceMarket", "1")
    {
        if (address(token_) == address(0) || address(staking_) == address(0) || project_ == address(0) || treasury_ == address(0)) {
            revert ZeroAddress();
        }
        token = token_;
        staking = staking_;
        project = project_;
        treasury = treasury_;
    }

    /// @notice Sets the revenue split of `projectId` in basis points (must sum to 10000). Only the project owner.
    function setRates(uint256 projectId, uint16 providerBps, uint16 projectBps, uint16 treasuryBps) external {
        address owner = IProjectRecords(project).getProject(projectId).owner; // reverts UnknownProject
        if (owner != msg.sender) revert NotProjectOwner(projectId, msg.sender);
        uint256 sum = uint256(providerBps) + projectBps + treasuryBps;
        if (sum != 10000) revert RatesDoNotSum(sum);
        _rates[projectId] = Rates(providerBps, projectBps, treasuryBps);
        emit RatesSet(projectId, providerBps, projectBps, treasuryBps);
    }

    /// @notice Stakes `amount` ATN (pulled with transferFrom; 0 to only update) to serve `projectId` at `price` ATN base
    /// units per request from `endpoint`, and restarts the lock. The stake must reach MIN_PROVIDER_STAKE.
    function registerProvider(uint256 projectId, uint256 amount, uint256 price, string calldata endpoint) external {
        IProjectRecords(project).getProject(projectId); // reverts UnknownProject
        Provider storage p = _providers[msg.sender][projectId];
        uint256 total = p.stake + amount;
        if (total < MIN_PROVIDER_STAKE) revert ProviderStakeTooLow(msg.sender, projectId, total, MIN_PROVIDER_STAKE);
        p.stake = total;
        p.price = price;
        p.endpoint = endpoint;
        if (amount != 0) p.unlockAt = uint64(block.timestamp) + PROVIDER_LOCK;
        emit ProviderRegistered(msg.sender, projectId, amount, total, price, endpoint);
        if (amount != 0) token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Withdraws `amount` of the caller's stake for `projectId` after its lock, with no dispute open;
    /// what remains must be zero or at least MIN_PROVIDER_STAKE.
    function unstakeProvider(uint256 projectId, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Provider storage p = _providers[msg.sender][projectId];
        if (p.stake < amount) revert InsufficientStake(msg.sender, p.stake, amount);
        if (block.timestamp < p.unlockAt) revert StakeLocked(msg.sender, p.unlockAt, uint64(block.timestamp));
        if (p.openDisputes != 0) revert DisputesOpen(msg.sender, projectId, p.openDisputes);
        uint256 remaining = p.stake - amount;
        if (remaining != 0 && remaining < MIN_PROVIDER_STAKE) {
            revert ProviderStakeTooLow(msg.sender, projectId, remaining, MIN_PROVIDER_STAKE);
        }
        p.stake = remaining;
        emit ProviderUnstaked(msg.sender, projectId, amount, remaining);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Deposits `amount` ATN (pulled with transferFrom) to pay `provider` for requests to `projectId`'s model;
    /// cancels a pending withdrawal.
    function deposit(address provider, uint256 projectId, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        if (_providers[provider][projectId].stake < MIN_PROVIDER_STAKE) revert NotProvider(provider, projectId);
        Channel storage c = _channels[msg.sender][provider][projectId];
        c.deposited += amount;
        c.withdrawableAt = 0;
        emit Deposited(msg.sender, provider, projectId, amount, c.deposited);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Starts the caller's withdrawal of its unredeemed deposit with `provider`, possible after WITHDRAW_DELAY.
    function requestWithdrawal(address provider, uint256 projectId) external {
        Channel storage c = _channels[msg.sender][provider][projectId];
        c.withdrawableAt = uint64(block.timestamp) + WITHDRAW_DELAY;
        emit WithdrawalRequested(msg.sender, provider, projectId, c.withdrawableAt);
    }

    /// @notice Withdraws what the provider has not redeemed, once the requested delay passed. Later vouchers are void.
    function withdraw(address provider, uint256 projectId) external {
        Channel storage c = _channels[msg.sender][provider][projectId];
        if (c.withdrawableAt == 0 || block.timestamp < c.withdrawableAt) {
            revert WithdrawalNotReady(c.withdrawableAt, uint64(block.timestamp));
        }
        uint256 amount = c.deposited - c.withdrawn - c.redeemed;
        if (amount == 0) revert NothingToWithdraw();
        c.withdrawn += amount;
        c.withdrawableAt = 0;
        emit Withdrawn(msg.sender, provider, projectId, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Redeems `client`'s voucher for `cumulative` ATN in total; the caller is the provider. Pays what is new
    /// since the last redemption, split by the project's rates (the project share is added to its budget).
    function redeem(address client, uint256 projectId, uint256 cumulative, bytes calldata signature) external {
        address signer = ECDSA.recover(voucherDigest(client, msg.sender, projectId, cumulative), signature);
        if (signer != client) revert InvalidVoucherSignature(client, signer);
        Channel storage c = _channels[client][msg.sender][projectId];
        if (cumulative <= c.redeemed) revert VoucherAlreadyRedeemed(cumulative, c.redeemed);
        uint256 available = c.deposited - c.withdrawn;
        if (cumulative > available) revert VoucherOverDeposit(cumulative, available);
        uint256 amount = cumulative - c.redeemed;
        c.redeemed = cumulative;
        (uint16 providerBps, uint16 projectBps,) = ratesOf(projectId);
        uint256 providerShare = amount * providerBps / 10000;
        uint256 projectShare = amount * projectBps / 10000;
        uint256 treasuryShare = amount - providerShare - projectShare; // the rounding goes to the treasury
        emit VoucherRedeemed(client, msg.sender, projectId, cumulative, amount, providerShare, projectShare, treasuryShare);
        if (providerShare != 0) token.safeTransfer(msg.sender, providerShare);
        if (projectShare != 0) {
            token.forceApprove(project, projectShare);
            IProject(project).fund(projectId, projectShare);
        }
        if (treasuryShare != 0) token.safeTransfer(treasury, treasuryShare);
    }

    /// @notice Disputes `receipt` (signed by its provider) as a wrong answer; `request` are the bytes whose keccak256 is
    /// its requestHash, for coordinators to re-execute. Only the receipt's client; posts DISPUTE_BOND.
    function openDispute(Receipt calldata receipt, bytes calldata signature, bytes calldata request) external returns (uint256 disputeId) {
        if (receipt.client != msg.sender) revert NotReceiptClient(receipt.client, msg.sender);
        bytes32 digest = receiptDigest(receipt);
        address signer = ECDSA.recover(digest, signature);
        if (signer != receipt.provider) revert InvalidReceiptSignature(receipt.provider, signer);
        bytes32 actual = keccak256(request);
        if (actual != receipt.requestHash) revert RequestHashMismatch(receipt.requestHash, actual);
        if (_disputeOfReceipt[digest] != 0) revert ReceiptAlreadyDisputed(_disputeOfReceipt[digest]);
        Provider storage p = _providers[receipt.provider][receipt.projectId];
        if (p.stake == 0) revert NotProvider(receipt.provider, receipt.projectId);
        disputeId = ++disputeCount;
        _disputeOfReceipt[digest] = disputeId;
        uint64 deadline = uint64(block.timestamp) + VOTE_WINDOW;
        _disputes[disputeId] = Dispute(receipt, DISPUTE_BOND, deadline, 0, 0, DisputeState.Open);
        ++p.openDisputes;
        emit DisputeOpened(
            disputeId, msg.sender, receipt.provider, receipt.projectId, receipt.round, receipt.requestHash, receipt.responseHash, request, deadline
        );
        token.safeTransferFrom(msg.sender, address(this), DISPUTE_BOND);
    }

    /// @notice Votes the response hash the caller recomputed for `disputeId`'s request with the project's model of the
    /// receipt's round. Staked coordinators only (not the client or the provider), once, before the deadline.
    function voteDispute(uint256 disputeId, bytes32 recomputedHash) external {
        Dispute storage d = _requireOpen(disputeId);
        if (block.timestamp >= d.voteDeadline) revert VotingClosed(disputeId, d.voteDeadline, uint64(block.timestamp));
        if (
            _voted[disputeId][msg.sender] || msg.sender == d.receipt.client || msg.sender == d.receipt.provider
                || !staking.isActive(msg.sender, Role.Coordinator)
        ) revert NotEligibleVoter(disputeId, msg.sender);
        _voted[disputeId][msg.sender] = true;
        uint256 weight = staking.stakeOf(msg.sender, Role.Coordinator);
        bool wrong = recomputedHash != d.receipt.responseHash;
        if (wrong) d.wrongStake += weight;
        else d.rightStake += weight;
        emit DisputeVoted(disputeId, msg.sender, recomputedHash, wrong, weight);
    }

    /// @notice Settles `disputeId` after its vote window; anyone may call. More stake voting "wrong" than "right"
    /// upholds it: SLASH_BPS of the provider's stake is slashed, CHALLENGER_BPS of that and the bond go to the client,
    /// the rest to the treasury. Otherwise the bond goes to the provider, or back to the client when nobody voted.
    function resolveDispute(uint256 disputeId) external {
        Dispute storage d = _requireOpen(disputeId);
        if (block.timestamp < d.voteDeadline) revert VotingOpen(disputeId, d.voteDeadline, uint64(block.timestamp));
        Provider storage p = _providers[d.receipt.provider][d.receipt.projectId];
        --p.openDisputes;
        uint256 slashed;
        uint256 challengerPaid;
        if (d.wrongStake > d.rightStake) {
            d.state = DisputeState.Upheld;
            slashed = p.stake * SLASH_BPS / 10000;
            p.stake -= slashed;
            challengerPaid = slashed * CHALLENGER_BPS / 10000;
        } else {
            d.state = d.wrongStake + d.rightStake == 0 ? DisputeState.Unjudged : DisputeState.Rejected;
        }
        emit DisputeResolved(disputeId, d.state, slashed, challengerPaid, d.wrongStake, d.rightStake);
        if (d.state == DisputeState.Rejected) {
            token.safeTransfer(d.receipt.provider, d.bond);
        } else {
            token.safeTransfer(d.receipt.client, d.bond + challengerPaid);
        }
        if (slashed != challengerPaid) token.safeTransfer(treasury, slashed - challengerPaid);
    }

    /// @notice The EIP-712 digest a client signs for a voucher.
    function voucherDigest(address client, address provider, uint256 projectId, uint256 cumulative) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, client, provider, projectId, cumulative)));
    }

    /// @notice The EIP-712 digest a provider signs for a receipt.
    function receiptDigest(Receipt calldata r) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(RECEIPT_TYPEHASH, r.provider, r.client, r.projectId, r.round, r.requestHash, r.responseHash))
        );
    }

    /// @notice The revenue split of `projectId` in basis points (the defaults until its owner sets one).
    function ratesOf(uint256 projectId) public view returns (uint16 providerBps, uint16 projectBps, uint16 treasuryBps) {
        Rates memory r = _rates[projectId];
        if (r.providerBps + uint256(r.projectBps) + r.treasuryBps == 0) {
            return (DEFAULT_PROVIDER_BPS, DEFAULT_PROJECT_BPS, 10000 - DEFAULT_PROVIDER_BPS - DEFAULT_PROJECT_BPS);
        }
        return (r.providerBps, r.projectBps, r.treasuryBps);
    }

    /// @notice `provider`'s stake, price, unlock time, open disputes and endpoint for `projectId`.
    function providerOf(address provider, uint256 projectId) external view returns (Provider memory) {
        return _providers[provider][projectId];
    }

    /// @notice The channel of `client` with `provider` for `projectId`.
    function channelOf(address client, address provider, uint256 projectId) external view returns (Channel memory) {
        return _channels[client][provider][projectId];
    }

    /// @notice Dispute `disputeId`.
    function disputeOf(uint256 disputeId) external view returns (Dispute memory) {
        if (_disputes[disputeId].state == DisputeState.None) revert UnknownDispute(disputeId);
        return _disputes[disputeId];
    }

    function _requireOpen(uint256 disputeId) private view returns (Dispute storage d) {
        d = _disputes[disputeId];
        if (d.state == DisputeState.None) revert UnknownDispute(disputeId);
        if (d.state != DisputeState.Open) revert DisputeNotOpen(disputeId, d.state);
    }
}
