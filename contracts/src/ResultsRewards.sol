// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Verification votes, bonds and rewards of tasks. Coordinators score every revealed solution (0..10000 bps, the
// measured improvement of base + delta over the base, 0 for none), may flag solutions they cannot judge (unfetchable,
// undecodable, out of bounds: scored 0) and may flag the task's ground truth as unusable. Votes are commit-reveal:
// any staked coordinator commits keccak256(abi.encode(taskId, coordinator, scores, invalid, badGroundTruth, salt)) in
// the verify window, and after it, once a keeper anchored the committee draw to a block mined after commits closed,
// the drawn committee (Committee.sol, by stake) reveals within one more window of the same length (CommitteeVotes.sol,
// its base). A drawn committee member that never reveals is slashed (`settleVote`); nobody is slashed for disagreeing. `finalize` computes
// Yuma-style consensus (YumaConsensus.sol: strict stake majority, votes clipped down to it), pays solvers by clipped
// consensus rank, coordinators by stake x agreement, the proposer its fee, returns each solver's bond unless it never
// revealed or a stake majority flagged its solution, and returns the rest to the project. When a stake majority flags the ground truth, the task is void: no solver or proposer
// pay, the flagging coordinators share their pool, bonds of revealed solutions come back, the proposer is slashed.
// Rewards, bonds and keeper bounties are pulled with `claim`, which debits the task's pool. Scoring happens off chain.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IParticipantStaking} from "./interfaces/IParticipantStaking.sol";
import {IProject} from "./interfaces/IProject.sol";
import {ITaskContract, TaskState, SolverStatus} from "./interfaces/ITaskContract.sol";
import {IForcedErrorRegistry} from "./interfaces/IForcedErrorRegistry.sol";
import {IResultsRewards} from "./interfaces/IResultsRewards.sol";
import {YumaConsensus} from "./YumaConsensus.sol";
import {CommitteeVotes} from "./CommitteeVotes.sol";
import {Role} from "./interfaces/Role.sol";

/// @title ResultsRewards
/// @notice Coordinator votes, Yuma consensus, reward pools and coordinator slashing for tasks.
contract ResultsRewards is Ownable, CommitteeVotes {
    using SafeERC20 for IERC20;

    struct Pool {
        uint256 projectId;
        uint256 solverPool;
        uint256 coordinatorPool;
        uint256 proposerFee;
        uint256 keeperPool;
        uint256 keeperPaid;
        uint256 solverBond;
        uint256 bonds;
        uint256 unclaimed;
        bool opened;
        bool finalized;
        bool voided;
    }

    /// @notice Mean |score - consensus| (bps) above which a coordinator earns nothing (it is not slashed for it).
    uint16 public constant PAY_DEVIATION = 2_500;
    /// @notice How long after the vote-reveal deadline finalization waits for a pending forced-error reveal.
    uint64 public constant FORCED_REVEAL_GRACE = 1 days;
    /// @notice Keeper duties a task pays for (TaskContract.KEEPER_DUTIES); each earns this fraction of the keeper pool.
    uint256 public constant KEEPER_DUTIES = 4;
    /// @notice Share of the proposer's stake slashed when a stake majority of the votes flags its ground truth (bps).
    uint16 public constant BAD_GROUND_TRUTH_PENALTY_SHARE = 1_000;

    /// @notice The reward token (ATN).
    IERC20 public immutable token;
    /// @notice Budgets that receive unspent pools.
    IProject public immutable project;
    /// @notice Forced-error registry, set once by the owner (optional).
    IForcedErrorRegistry public forcedErrors;

    mapping(uint256 taskId => Pool) private _pools;
    mapping(uint256 taskId => mapping(address solver => uint16)) private _consensus;
    mapping(uint256 taskId => mapping(address coordinator => uint16)) private _agreement;
    mapping(uint256 taskId => mapping(address account => uint256)) private _rewards;
    mapping(uint256 taskId => mapping(address account => uint256)) private _claimed;
    mapping(uint256 taskId => mapping(address solver => bool)) private _forfeited;

    /// @notice Emitted when TaskContract moved a task's pools here.
    event PoolOpened(uint256 indexed taskId, uint256 indexed projectId, uint256 solverPool, uint256 coordinatorPool, uint256 proposerFee, uint256 keeperPool, uint256 solverBond);
    /// @notice Emitted when `solver` posted its bond for `taskId`.
    event BondPosted(uint256 indexed taskId, address indexed solver, uint256 amount);
    /// @notice Emitted at settlement per committed solver: its bond came back (`returned`) or went to the project.
    event BondSettled(uint256 indexed taskId, address indexed solver, uint256 amount, bool returned);
    /// @notice Emitted when `keeper` earned `amount` for a keeper duty of `taskId`.
    event KeeperPaid(uint256 indexed taskId, address indexed keeper, uint256 amount);
    /// @notice Emitted when a stake majority of the votes flagged the ground truth of `taskId`; the task is void.
    event GroundTruthRejected(uint256 indexed taskId, address indexed proposer, uint256 flaggingStake, uint256 totalStake);
    /// @notice Emitted per solution at finalization.
    event ConsensusReached(uint256 indexed taskId, address indexed solver, uint16 consensus, uint256 reward);
    /// @notice Emitted per coordinator at finalization; `agreement` is 10000 minus its mean deviation (never slashed for it).
    event CoordinatorJudged(uint256 indexed taskId, address indexed coordinator, uint16 agreement, uint256 reward);
    /// @notice Emitted when a task's rewards were fixed; `refunded` went back to the project.
    event TaskFinalized(uint256 indexed taskId, uint256 allocated, uint256 refunded);
    /// @notice Emitted when `account` claimed `amount` from the pool of `taskId`.
    event RewardClaimed(uint256 indexed taskId, address indexed account, uint256 amount);
    /// @notice Emitted when a cancelled task's pools went back to the project.
    event PoolRefunded(uint256 indexed taskId, uint256 amount);
    /// @notice Emitted when the owner set the forced-error registry.
    event ForcedErrorRegistrySet(address registry);

    /// @notice `caller` is not TaskContract.
    error NotTaskContract(address caller);
    /// @notice A forced error planted in `taskId` must be revealed before finalization until `waitUntil`.
    error ForcedErrorPending(uint256 taskId, uint64 waitUntil);
    /// @notice The pool of `taskId` is already open, finalized or refunded.
    error PoolClosed(uint256 taskId);
    /// @notice `account` has no reward in `taskId`.
    error NothingToClaim(uint256 taskId, address account);
    /// @notice `account` already claimed its reward of `taskId`.
    error AlreadyClaimed(uint256 taskId, address account);
    /// @notice The forced-error registry is already set.
    error AlreadyWired();

    /// @param token_ The ATN token.
    /// @param staking_ ParticipantStaking (this contract must be an authorized slasher).
    /// @param tasks_ TaskContract (must point back here via setResultsRewards).
    /// @param project_ Project (receives unspent pools).
    /// @param owner_ Account that wires the forced-error registry.
    constructor(IERC20 token_, IParticipantStaking staking_, ITaskContract tasks_, IProject project_, address owner_)
        Ownable(owner_)
        CommitteeVotes(staking_, tasks_)
    {
        token = token_;
        project = project_;
    }

    function _coordinatorMembers(uint256 projectId) internal view override returns (address[] memory) {
        return project.membersOf(projectId, Role.Coordinator);
    }

    /// @notice Sets the forced-error registry, once. Only the owner.
    function setForcedErrorRegistry(IForcedErrorRegistry registry) external onlyOwner {
        if (address(forcedErrors) != address(0)) revert AlreadyWired();
        forcedErrors = registry;
        emit ForcedErrorRegistrySet(address(registry));
    }

    /// @notice Records the pools TaskContract just had Project transfer here (a task's reward, split by
    /// `TaskContract.rewardSplit`) and the bond each solver will post. Only TaskContract.
    function openPool(uint256 taskId, uint256 projectId, IResultsRewards.Pools calldata pools, uint256 solverBond) external {
        _onlyTasks();
        Pool storage p = _pools[taskId];
        if (p.opened) revert PoolClosed(taskId);
        p.projectId = projectId;
        p.solverPool = pools.solverPool;
        p.coordinatorPool = pools.coordinatorPool;
        p.proposerFee = pools.proposerFee;
        p.keeperPool = pools.keeperPool;
        p.solverBond = solverBond;
        p.opened = true;
        emit PoolOpened(taskId, projectId, pools.solverPool, pools.coordinatorPool, pools.proposerFee, pools.keeperPool, solverBond);
    }

    /// @notice Pulls the task's solver bond from `solver` (which must have approved this contract). Only TaskContract,
    /// when the solver commits.
    function takeBond(uint256 taskId, address solver) external {
        _onlyTasks();
        Pool storage p = _pools[taskId];
        if (!p.opened || p.finalized) revert PoolClosed(taskId);
        p.bonds += p.solverBond;
        emit BondPosted(taskId, solver, p.solverBond);
        token.safeTransferFrom(solver, address(this), p.solverBond);
    }

    /// @notice Credits `keeper` one keeper duty's bounty (1/KEEPER_DUTIES of the keeper pool). Only TaskContract.
    function payKeeper(uint256 taskId, address keeper) external {
        _onlyTasks();
        _payKeeper(taskId, keeper);
    }


    /// @notice Fixes the rewards and bonds of `taskId` after its vote-reveal window (or once every committer revealed:
    /// `votesRevealed`) and settles it. Anyone may call, for a keeper bounty.
    function finalize(uint256 taskId) external {
        _requireTaskState(taskId, TaskState.Verifying);
        uint64 deadline = voteRevealDeadlineOf(taskId);
        if (block.timestamp <= deadline && !votesRevealed(taskId)) revert DeadlineNotReached(taskId, deadline, uint64(block.timestamp));
        if (_drawSeed[taskId] == bytes32(0)) _drawSeed[taskId] = drawSeedOf(taskId); // judges non-reveals later
        if (address(forcedErrors) != address(0) && forcedErrors.isPending(taskId)) {
            uint64 waitUntil = deadline + FORCED_REVEAL_GRACE;
            if (block.timestamp <= waitUntil) revert ForcedErrorPending(taskId, waitUntil);
        }
        Pool storage p = _pools[taskId];
        if (!p.opened || p.finalized) revert PoolClosed(taskId);
        _payKeeper(taskId, msg.sender);
        p.finalized = true;

        address[] memory voters = _voters[taskId];
        (uint256[] memory stakes, uint256 totalStake, uint256 flaggingStake) = _stakes(taskId, voters);
        p.voided = flaggingStake * 2 > totalStake;
        uint256 allocated;
        if (p.voided) {
            emit GroundTruthRejected(taskId, tasks.proposerOf(taskId), flaggingStake, totalStake);
            allocated = _payFlaggers(taskId, p.coordinatorPool, voters, stakes, flaggingStake);
        } else {
            allocated = _payProposer(taskId, p.proposerFee);
            address[] memory solvers = tasks.revealedSolvers(taskId);
            if (solvers.length != 0 && voters.length != 0) {
                allocated += _judge(taskId, p, solvers, voters, stakes, totalStake);
            }
        }
        allocated += _settleBonds(taskId, p.solverBond);
        uint256 total = p.solverPool + p.coordinatorPool + p.proposerFee + p.keeperPool + p.bonds;
        uint256 refunded = total - allocated - p.keeperPaid;
        p.unclaimed += allocated;
        emit TaskFinalized(taskId, allocated, refunded);

        tasks.markSettled(taskId);
        for (uint256 i = 0; i < voters.length; ++i) {
            _voteSettled[taskId][voters[i]] = true;
            staking.release(voters[i], Role.Coordinator);
        }
        if (p.voided) {
            address proposer = tasks.proposerOf(taskId);
            uint256 penalty = (staking.stakeOf(proposer, Role.Proposer) * BAD_GROUND_TRUTH_PENALTY_SHARE) / MAX_SCORE;
            staking.slash(proposer, Role.Proposer, penalty, "bad-ground-truth");
        }
        _refund(p.projectId, refunded);
    }

    /// @notice Returns a cancelled task's pools (less keeper bounties already earned) to its project, and every
    /// solver's bond to its solver (nobody could reveal without a ground truth). Only TaskContract.
    function refundCancelled(uint256 taskId) external {
        _onlyTasks();
        Pool storage p = _pools[taskId];
        if (!p.opened || p.finalized) revert PoolClosed(taskId);
        p.finalized = true;
        address[] memory committed = tasks.committedSolvers(taskId);
        for (uint256 i = 0; i < committed.length; ++i) {
            _rewards[taskId][committed[i]] += p.solverBond;
            emit BondSettled(taskId, committed[i], p.solverBond, true);
        }
        p.unclaimed += p.bonds;
        uint256 amount = p.solverPool + p.coordinatorPool + p.proposerFee + p.keeperPool - p.keeperPaid;
        emit PoolRefunded(taskId, amount);
        _refund(p.projectId, amount);
    }

    /// @notice Transfers what the caller is owed from `taskId` (rewards, its bond back, keeper bounties) and not yet
    /// claimed, debiting the task's pool.
    function claim(uint256 taskId) external returns (uint256 amount) {
        uint256 owed = _rewards[taskId][msg.sender];
        if (owed == 0) revert NothingToClaim(taskId, msg.sender);
        uint256 claimed = _claimed[taskId][msg.sender];
        if (claimed == owed) revert AlreadyClaimed(taskId, msg.sender);
        amount = owed - claimed;
        _claimed[taskId][msg.sender] = owed;
        _pools[taskId].unclaimed -= amount;
        emit RewardClaimed(taskId, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice The pools of `taskId` and what remains unclaimed.
    function poolOf(uint256 taskId) external view returns (Pool memory) {
        return _pools[taskId];
    }


    /// @notice Consensus score of `solver`'s solution in `taskId` (after finalization).
    function consensusOf(uint256 taskId, address solver) external view returns (uint16) {
        return _consensus[taskId][solver];
    }

    /// @notice Agreement (10000 minus mean deviation) of `coordinator` in `taskId` (after finalization).
    function agreementOf(uint256 taskId, address coordinator) external view returns (uint16) {
        return _agreement[taskId][coordinator];
    }

    /// @notice Everything `account` is owed from `taskId` (rewards, returned bond, keeper bounties), claimed or not.
    function rewardOf(uint256 taskId, address account) external view returns (uint256) {
        return _rewards[taskId][account];
    }

    /// @notice What `account` is owed from `taskId` and has not claimed yet.
    function unclaimedOf(uint256 taskId, address account) external view returns (uint256) {
        return _rewards[taskId][account] - _claimed[taskId][account];
    }

    /// @notice Whether `solver`'s bond in `taskId` was forfeited (no reveal, or a stake majority flagged it).
    function bondForfeited(uint256 taskId, address solver) external view returns (bool) {
        return _forfeited[taskId][solver];
    }

    function _payProposer(uint256 taskId, uint256 fee) private returns (uint256) {
        if (fee == 0) return 0;
        _rewards[taskId][tasks.proposerOf(taskId)] += fee;
        return fee;
    }

    /// @dev Vote stakes, their sum, and the stake of votes flagging the ground truth.
    function _stakes(uint256 taskId, address[] memory voters)
        private
        view
        returns (uint256[] memory stakes, uint256 totalStake, uint256 flaggingStake)
    {
        stakes = new uint256[](voters.length);
        for (uint256 i = 0; i < voters.length; ++i) {
            stakes[i] = _voteStake[taskId][voters[i]];
            totalStake += stakes[i];
            if (_votes[taskId][voters[i]].badGroundTruth) flaggingStake += stakes[i];
        }
    }

    /// @dev Consensus, solver and coordinator rewards; a solution a stake majority flagged unjudgeable has rank 0 and
    /// forfeits its bond; an undecided one (the stake split in half) is paid nothing, and its share, held back as if the
    /// upper half had won, goes back to the project, so a tie routes no money to anyone. Returns the amount allocated.
    function _judge(
        uint256 taskId,
        Pool storage p,
        address[] memory solvers,
        address[] memory voters,
        uint256[] memory stakes,
        uint256 totalStake
    ) private returns (uint256 paid) {
        uint16[][] memory scores = new uint16[][](voters.length);
        for (uint256 i = 0; i < voters.length; ++i) {
            scores[i] = _votes[taskId][voters[i]].scores;
        }
        YumaConsensus.Outcome memory outcome = YumaConsensus.compute(scores, stakes);

        address forced = address(forcedErrors) == address(0) ? address(0) : forcedErrors.revealedForcedSolver(taskId);
        uint256 rankSum;
        for (uint256 j = 0; j < solvers.length; ++j) {
            uint256 flagged;
            for (uint256 i = 0; i < voters.length; ++i) {
                if ((_votes[taskId][voters[i]].invalid >> j) & 1 == 1) flagged += stakes[i];
            }
            if (flagged * 2 > totalStake) _forfeited[taskId][solvers[j]] = true;
            if (solvers[j] == forced || _forfeited[taskId][solvers[j]]) (outcome.ranks[j], outcome.heldRanks[j]) = (0, 0);
            rankSum += outcome.ranks[j] + outcome.heldRanks[j];
        }
        for (uint256 j = 0; j < solvers.length; ++j) {
            uint256 reward = rankSum == 0 ? 0 : (p.solverPool * outcome.ranks[j]) / rankSum;
            _consensus[taskId][solvers[j]] = outcome.consensus[j];
            _rewards[taskId][solvers[j]] += reward;
            paid += reward;
            emit ConsensusReached(taskId, solvers[j], outcome.consensus[j], reward);
        }
        paid += _payCoordinators(taskId, p.coordinatorPool, voters, stakes, outcome.deviations);
    }

    /// @dev A void task's coordinator pool goes to the coordinators that flagged its ground truth, by stake.
    function _payFlaggers(
        uint256 taskId,
        uint256 coordinatorPool,
        address[] memory voters,
        uint256[] memory stakes,
        uint256 flaggingStake
    ) private returns (uint256 paid) {
        for (uint256 i = 0; i < voters.length; ++i) {
            bool flagged = _votes[taskId][voters[i]].badGroundTruth;
            uint256 reward = flagged ? (coordinatorPool * stakes[i]) / flaggingStake : 0;
            _rewards[taskId][voters[i]] += reward;
            paid += reward;
            emit CoordinatorJudged(taskId, voters[i], flagged ? MAX_SCORE : 0, reward);
        }
    }

    /// @dev Returns each committed solver's bond unless it never revealed or its solution was flagged (a void task
    /// flags nothing: its solutions could not be judged). Returns the amount credited.
    function _settleBonds(uint256 taskId, uint256 bond) private returns (uint256 returned) {
        address[] memory committed = tasks.committedSolvers(taskId);
        for (uint256 i = 0; i < committed.length; ++i) {
            address solver = committed[i];
            bool revealed = tasks.solverStatusOf(taskId, solver) == SolverStatus.Revealed;
            if (!revealed) _forfeited[taskId][solver] = true;
            bool back = !_forfeited[taskId][solver];
            if (back) {
                _rewards[taskId][solver] += bond;
                returned += bond;
            }
            emit BondSettled(taskId, solver, bond, back);
        }
    }

    function _payKeeper(uint256 taskId, address keeper) private {
        Pool storage p = _pools[taskId];
        if (!p.opened || p.finalized) revert PoolClosed(taskId);
        uint256 amount = p.keeperPool / KEEPER_DUTIES;
        uint256 left = p.keeperPool - p.keeperPaid;
        if (amount > left) amount = left;
        if (amount == 0) return;
        p.keeperPaid += amount;
        p.unclaimed += amount;
        _rewards[taskId][keeper] += amount;
        emit KeeperPaid(taskId, keeper, amount);
    }

    function _onlyTasks() private view {
        if (msg.sender != address(tasks)) revert NotTaskContract(msg.sender);
    }

    function _payCoordinators(
        uint256 taskId,
        uint256 coordinatorPool,
        address[] memory voters,
        uint256[] memory stakes,
        uint16[] memory deviations
    ) private returns (uint256 paid) {
        uint256[] memory weights = new uint256[](voters.length);
        uint256 weightSum;
        for (uint256 i = 0; i < voters.length; ++i) {
            if (deviations[i] <= PAY_DEVIATION) weights[i] = stakes[i] * (MAX_SCORE - deviations[i]);
            weightSum += weights[i];
        }
        for (uint256 i = 0; i < voters.length; ++i) {
            uint256 reward = weightSum == 0 ? 0 : (coordinatorPool * weights[i]) / weightSum;
            uint16 agreement = MAX_SCORE - deviations[i];
            _agreement[taskId][voters[i]] = agreement;
            _rewards[taskId][voters[i]] += reward;
            paid += reward;
            emit CoordinatorJudged(taskId, voters[i], agreement, reward);
        }
    }

    function _refund(uint256 projectId, uint256 amount) private {
        if (amount == 0) return;
        token.forceApprove(address(project), amount);
        project.fund(projectId, amount);
    }
}
