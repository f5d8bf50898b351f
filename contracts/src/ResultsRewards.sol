// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Verification votes, bonds and rewards of tasks. Coordinators score every revealed solution (0..10000 bps, the
// measured improvement of base + delta over the base, 0 for none), may flag solutions they cannot judge (unfetchable,
// undecodable, out of bounds: scored 0) and may flag the task's ground truth as unusable. Votes are commit-reveal:
// any staked coordinator commits keccak256(abi.encode(taskId, coordinator, scores, invalid, badGroundTruth, salt)) in
// the verify window, and after it, once a keeper anchored the committee draw to a block mined after commits closed,
// the drawn committee (Committee.sol, by stake) reveals within one more window of the same length. A drawn committee
// member that never reveals is slashed (`settleVote`); nobody is slashed for disagreeing. `finalize` computes
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
import {Committee} from "./Committee.sol";
import {Role} from "./interfaces/Role.sol";

/// @title ResultsRewards
/// @notice Coordinator votes, Yuma consensus, reward pools and coordinator slashing for tasks.
contract ResultsRewards is Ownable {
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

    /// @notice One coordinator's vote: a score per revealed solution, which of them it could not judge (bit j for
    /// solution j), and whether the ground truth itself was unusable.
    struct Vote {
        uint16[] scores;
        uint256 invalid;
        bool badGroundTruth;
    }

    /// @notice Highest score (basis points).
    uint16 public constant MAX_SCORE = 10_000;
    /// @notice Expected committee seats per task (Committee.sol); a coordinator with at least 1/16 of the committed
    /// stake always sits.
    uint256 public constant COMMITTEE_SIZE = 16;
    /// @notice Most revealed votes one task counts (bounds finalize); reached only with odds far below 1e-4 (the
    /// expected seats sum to at most COMMITTEE_SIZE).
    uint256 public constant MAX_VOTES = 32;
    /// @notice Mean |score - consensus| (bps) above which a coordinator earns nothing (it is not slashed for it).
    uint16 public constant PAY_DEVIATION = 2_500;
    /// @notice Share of a drawn coordinator's committed stake slashed when it never reveals its vote (bps).
    uint16 public constant NON_REVEAL_PENALTY_SHARE = 1_000;
    /// @notice How long after the vote-reveal deadline finalization waits for a pending forced-error reveal.
    uint64 public constant FORCED_REVEAL_GRACE = 1 days;
    /// @notice Keeper duties a task pays for (TaskContract.KEEPER_DUTIES); each earns this fraction of the keeper pool.
    uint256 public constant KEEPER_DUTIES = 4;
    /// @notice Share of the proposer's stake slashed when a stake majority of the votes flags its ground truth (bps).
    uint16 public constant BAD_GROUND_TRUTH_PENALTY_SHARE = 1_000;

    /// @notice The reward token (ATN).
    IERC20 public immutable token;
    /// @notice Stakes that gate and weight coordinators.
    IParticipantStaking public immutable staking;
    /// @notice The task lifecycle.
    ITaskContract public immutable tasks;
    /// @notice Budgets that receive unspent pools.
    IProject public immutable project;
    /// @notice Forced-error registry, set once by the owner (optional).
    IForcedErrorRegistry public forcedErrors;

    mapping(uint256 taskId => Pool) private _pools;
    mapping(uint256 taskId => address[]) private _voters;
    mapping(uint256 taskId => mapping(address coordinator => Vote)) private _votes;
    mapping(uint256 taskId => mapping(address coordinator => uint256)) private _voteStake;
    mapping(uint256 taskId => mapping(address coordinator => bytes32)) private _voteCommits;
    mapping(uint256 taskId => mapping(address coordinator => uint256)) private _commitStake;
    mapping(uint256 taskId => mapping(address coordinator => bool)) private _voteSettled;
    mapping(uint256 taskId => address[]) private _committers;
    mapping(uint256 taskId => uint256) private _committedStake;
    mapping(uint256 taskId => uint256) private _drawBlock;
    mapping(uint256 taskId => bytes32) private _drawSeed;
    mapping(uint256 taskId => mapping(address solver => uint16)) private _consensus;
    mapping(uint256 taskId => mapping(address coordinator => uint16)) private _agreement;
    mapping(uint256 taskId => mapping(address account => uint256)) private _rewards;
    mapping(uint256 taskId => mapping(address account => uint256)) private _claimed;
    mapping(uint256 taskId => mapping(address solver => bool)) private _forfeited;

    /// @notice Emitted when TaskContract moved a task's pools here.
    event PoolOpened(uint256 indexed taskId, uint256 indexed projectId, uint256 solverPool, uint256 coordinatorPool, uint256 proposerFee, uint256 keeperPool, uint256 solverBond);
    /// @notice Emitted when `coordinator` committed to a hidden vote on `taskId` with `stake` at risk.
    event VoteCommitted(uint256 indexed taskId, address indexed coordinator, bytes32 commitment, uint256 stake);
    /// @notice Emitted when the committee draw of `taskId` was anchored to block `blockNumber` (its hash decides).
    event CommitteeDrawAnchored(uint256 indexed taskId, uint256 blockNumber);
    /// @notice Emitted when a drawn `coordinator` of `taskId` never revealed and was slashed `penalty`.
    event VoteNotRevealed(uint256 indexed taskId, address indexed coordinator, uint256 penalty);
    /// @notice Emitted when `coordinator` revealed `scores` (in revealed-solver order) with `stake` weight.
    event ScoresSubmitted(uint256 indexed taskId, address indexed coordinator, uint16[] scores, uint256 invalid, bool badGroundTruth, uint256 stake);
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
    /// @notice Task `taskId` is in `current`, the operation needs `expected`.
    error TaskNotInState(uint256 taskId, TaskState current, TaskState expected);
    /// @notice The operation needed time <= `deadline`; it is `nowTime`.
    error DeadlinePassed(uint256 taskId, uint64 deadline, uint64 nowTime);
    /// @notice The operation needed time > `deadline`; it is `nowTime`.
    error DeadlineNotReached(uint256 taskId, uint64 deadline, uint64 nowTime);
    /// @notice `account` lacks an active Coordinator stake.
    error NotCoordinator(address account);
    /// @notice `account` is the proposer or a solver of `taskId` and may not judge it.
    error ConflictOfInterest(uint256 taskId, address account);
    /// @notice `coordinator` already committed (or revealed) its vote on `taskId`.
    error AlreadyVoted(uint256 taskId, address coordinator);
    /// @notice The vote commitment is zero.
    error EmptyCommitment();
    /// @notice `coordinator` did not commit a vote on `taskId`.
    error NoVoteCommitted(uint256 taskId, address coordinator);
    /// @notice The revealed vote hashes to `computed`, not to the committed `committed`.
    error VoteMismatch(uint256 taskId, address coordinator, bytes32 committed, bytes32 computed);
    /// @notice The committee draw of `taskId` is not anchored yet, or its block is not mined yet: call drawCommittee.
    error CommitteeNotDrawn(uint256 taskId);
    /// @notice The draw of `taskId` is already anchored to block `blockNumber` and its hash is still readable.
    error CommitteeAlreadyDrawn(uint256 taskId, uint256 blockNumber);
    /// @notice `coordinator` was not drawn into the committee of `taskId`: it need not (and may not) reveal.
    error NotInCommittee(uint256 taskId, address coordinator);
    /// @notice `taskId` already counts MAX_VOTES revealed votes.
    error TooManyVotes(uint256 taskId, uint256 maximum);
    /// @notice The vote of `coordinator` on `taskId` was already settled (revealed and released, or judged).
    error VoteSettled(uint256 taskId, address coordinator);
    /// @notice No solution of `taskId` was revealed, so there is nothing to score.
    error NothingToScore(uint256 taskId);
    /// @notice `given` scores for `expected` revealed solutions.
    error ScoreCountMismatch(uint256 taskId, uint256 given, uint256 expected);
    /// @notice Score `score` at `index` is above MAX_SCORE.
    error ScoreOutOfRange(uint256 index, uint16 score);
    /// @notice A forced error planted in `taskId` must be revealed before finalization until `waitUntil`.
    error ForcedErrorPending(uint256 taskId, uint64 waitUntil);
    /// @notice The pool of `taskId` is already open, finalized or refunded.
    error PoolClosed(uint256 taskId);
    /// @notice `account` has no reward in `taskId`.
    error NothingToClaim(uint256 taskId, address account);
    /// @notice `account` already claimed its reward of `taskId`.
    error AlreadyClaimed(uint256 taskId, address account);
    /// @notice `solver` did not reveal in `taskId`.
    error UnknownSolution(uint256 taskId, address solver);
    /// @notice The invalid mask `invalid` flags solutions beyond the `count` revealed.
    error InvalidMaskOutOfRange(uint256 invalid, uint256 count);
    /// @notice Solution `index` is flagged unjudgeable but scored `score`; an unjudgeable solution scores 0.
    error FlaggedSolutionScored(uint256 index, uint16 score);
    /// @notice The forced-error registry is already set.
    error AlreadyWired();

    /// @param token_ The ATN token.
    /// @param staking_ ParticipantStaking (this contract must be an authorized slasher).
    /// @param tasks_ TaskContract (must point back here via setResultsRewards).
    /// @param project_ Project (receives unspent pools).
    /// @param owner_ Account that wires the forced-error registry.
    constructor(IERC20 token_, IParticipantStaking staking_, ITaskContract tasks_, IProject project_, address owner_)
        Ownable(owner_)
    {
        token = token_;
        staking = staking_;
        tasks = tasks_;
        project = project_;
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

    /// @notice Commits to a hidden vote on `taskId` during its verify window: `commitment` is
    /// `voteCommitment(taskId, msg.sender, scores, invalid, badGroundTruth, salt)`, revealed by `revealVote` after the
    /// window. Any active coordinator may commit (no cap: a committee is drawn afterwards), never the task's proposer
    /// or one of its solvers. Holds the stake until the vote is settled, so a pending judgment can still slash it.
    function commitVote(uint256 taskId, bytes32 commitment) external {
        _requireTaskState(taskId, TaskState.Verifying);
        uint64 deadline = tasks.verifyDeadlineOf(taskId);
        if (block.timestamp > deadline) revert DeadlinePassed(taskId, deadline, uint64(block.timestamp));
        if (!staking.isActive(msg.sender, Role.Coordinator)) revert NotCoordinator(msg.sender);
        if (msg.sender == tasks.proposerOf(taskId) || tasks.solverStatusOf(taskId, msg.sender) != SolverStatus.None) {
            revert ConflictOfInterest(taskId, msg.sender);
        }
        if (_voteCommits[taskId][msg.sender] != bytes32(0)) revert AlreadyVoted(taskId, msg.sender);
        if (commitment == bytes32(0)) revert EmptyCommitment();
        if (tasks.revealedSolvers(taskId).length == 0) revert NothingToScore(taskId);

        uint256 stake = staking.stakeOf(msg.sender, Role.Coordinator);
        _voteCommits[taskId][msg.sender] = commitment;
        _commitStake[taskId][msg.sender] = stake;
        _committedStake[taskId] += stake;
        _committers[taskId].push(msg.sender);
        emit VoteCommitted(taskId, msg.sender, commitment, stake);
        staking.hold(msg.sender, Role.Coordinator);
    }

    /// @notice Anchors the committee draw of `taskId` to the current block, once its verify window has closed (so
    /// every commitment is fixed): the draw seed is keccak256(abi.encode(taskId, task seed, blockhash(anchor))), which
    /// nobody but that block's producer can know when this transaction is sent. Anyone may call (a keeper duty);
    /// again only if the anchored hash went out of the EVM's 256-block reach before any reveal fixed the seed.
    function drawCommittee(uint256 taskId) external {
        _requireTaskState(taskId, TaskState.Verifying);
        uint64 deadline = tasks.verifyDeadlineOf(taskId);
        if (block.timestamp <= deadline) revert DeadlineNotReached(taskId, deadline, uint64(block.timestamp));
        uint256 anchor = _drawBlock[taskId];
        if (_drawSeed[taskId] != bytes32(0) || (anchor != 0 && (block.number <= anchor + 256))) {
            revert CommitteeAlreadyDrawn(taskId, anchor);
        }
        _drawBlock[taskId] = block.number;
        emit CommitteeDrawAnchored(taskId, block.number);
    }

    /// @notice Reveals the caller's committed vote on `taskId` after the verify window and before
    /// `voteRevealDeadlineOf`: a score (0..10000) for every revealed solution in `revealedSolvers` order; bit j of
    /// `invalid` flags solution j as unjudgeable (its score must be 0); `badGroundTruth` flags the validation set as
    /// unusable. Only coordinators drawn into the task's committee reveal; a drawn one that does not is slashed.
    function revealVote(uint256 taskId, uint16[] calldata scores, uint256 invalid, bool badGroundTruth, bytes32 salt) external {
        _requireTaskState(taskId, TaskState.Verifying);
        uint64 opens = tasks.verifyDeadlineOf(taskId);
        if (block.timestamp <= opens) revert DeadlineNotReached(taskId, opens, uint64(block.timestamp));
        uint64 deadline = voteRevealDeadlineOf(taskId);
        if (block.timestamp > deadline) revert DeadlinePassed(taskId, deadline, uint64(block.timestamp));
        bytes32 committed = _voteCommits[taskId][msg.sender];
        if (committed == bytes32(0)) revert NoVoteCommitted(taskId, msg.sender);
        if (_voteStake[taskId][msg.sender] != 0) revert AlreadyVoted(taskId, msg.sender);
        bytes32 computed = voteCommitment(taskId, msg.sender, scores, invalid, badGroundTruth, salt);
        if (computed != committed) revert VoteMismatch(taskId, msg.sender, committed, computed);
        bytes32 seed = drawSeedOf(taskId);
        if (seed == bytes32(0)) revert CommitteeNotDrawn(taskId);
        _drawSeed[taskId] = seed;
        if (!_isDrawn(taskId, seed, msg.sender)) revert NotInCommittee(taskId, msg.sender);
        uint256 expected = tasks.revealedSolvers(taskId).length;
        if (scores.length != expected) revert ScoreCountMismatch(taskId, scores.length, expected);
        if (expected < 256 && invalid >> expected != 0) revert InvalidMaskOutOfRange(invalid, expected);
        for (uint256 i = 0; i < scores.length; ++i) {
            if (scores[i] > MAX_SCORE) revert ScoreOutOfRange(i, scores[i]);
            if (scores[i] != 0 && (invalid >> i) & 1 == 1) revert FlaggedSolutionScored(i, scores[i]);
        }
        if (_voters[taskId].length >= MAX_VOTES) revert TooManyVotes(taskId, MAX_VOTES);

        uint256 stake = _commitStake[taskId][msg.sender];
        _voters[taskId].push(msg.sender);
        _votes[taskId][msg.sender] = Vote(scores, invalid, badGroundTruth);
        _voteStake[taskId][msg.sender] = stake;
        emit ScoresSubmitted(taskId, msg.sender, scores, invalid, badGroundTruth, stake);
    }

    /// @notice After `taskId` settled, settles a committed vote that was not counted: a coordinator drawn into the
    /// committee that never revealed is slashed NON_REVEAL_PENALTY_SHARE of its committed stake (unless the committee
    /// was full); an undrawn one (or any, when no draw ever happened) just gets its hold released. Anyone may call.
    function settleVote(uint256 taskId, address coordinator) external {
        _requireTaskState(taskId, TaskState.Settled);
        if (_voteCommits[taskId][coordinator] == bytes32(0)) revert NoVoteCommitted(taskId, coordinator);
        if (_voteSettled[taskId][coordinator] || _voteStake[taskId][coordinator] != 0) revert VoteSettled(taskId, coordinator);
        _voteSettled[taskId][coordinator] = true;
        bytes32 seed = _drawSeed[taskId];
        bool missed = seed != bytes32(0) && _voters[taskId].length < MAX_VOTES && _isDrawn(taskId, seed, coordinator);
        uint256 penalty = missed ? (_commitStake[taskId][coordinator] * NON_REVEAL_PENALTY_SHARE) / MAX_SCORE : 0;
        staking.release(coordinator, Role.Coordinator);
        if (missed) penalty = staking.slash(coordinator, Role.Coordinator, penalty, "vote-not-revealed");
        emit VoteNotRevealed(taskId, coordinator, penalty);
    }

    /// @notice The commitment `commitVote` takes: keccak256(abi.encode(taskId, coordinator, scores, invalid,
    /// badGroundTruth, salt)); the coordinator's address inside makes a copied commitment useless to anyone else.
    function voteCommitment(
        uint256 taskId,
        address coordinator,
        uint16[] calldata scores,
        uint256 invalid,
        bool badGroundTruth,
        bytes32 salt
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(taskId, coordinator, scores, invalid, badGroundTruth, salt));
    }

    /// @notice End of the vote-reveal window of `taskId`: one verify window after the verify deadline.
    function voteRevealDeadlineOf(uint256 taskId) public view returns (uint64) {
        return tasks.verifyDeadlineOf(taskId) + tasks.verifyWindowOf(taskId);
    }

    /// @notice The committee draw seed of `taskId`: keccak256(abi.encode(taskId, task seed, blockhash(anchor))), fixed
    /// by the first reveal (or finalize); zero while the draw is not anchored, its block not mined, or out of reach.
    function drawSeedOf(uint256 taskId) public view returns (bytes32 seed) {
        seed = _drawSeed[taskId];
        if (seed != bytes32(0)) return seed;
        uint256 anchor = _drawBlock[taskId];
        if (anchor == 0 || block.number <= anchor) return bytes32(0);
        bytes32 hash = blockhash(anchor);
        if (hash == bytes32(0)) return bytes32(0);
        return keccak256(abi.encode(taskId, tasks.seedOf(taskId), hash));
    }

    /// @notice Whether `coordinator` committed on `taskId` and was drawn into its committee (false before the seed).
    function isDrawn(uint256 taskId, address coordinator) public view returns (bool) {
        return _isDrawn(taskId, drawSeedOf(taskId), coordinator);
    }

    /// @notice Fixes the rewards and bonds of `taskId` after its verify window and settles it. Anyone may call, for
    /// a keeper bounty.
    function finalize(uint256 taskId) external {
        _requireTaskState(taskId, TaskState.Verifying);
        uint64 deadline = voteRevealDeadlineOf(taskId);
        if (block.timestamp <= deadline) revert DeadlineNotReached(taskId, deadline, uint64(block.timestamp));
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

    /// @notice Coordinators that voted on `taskId`, in vote order.
    function votersOf(uint256 taskId) external view returns (address[] memory) {
        return _voters[taskId];
    }

    /// @notice Coordinators that committed a vote on `taskId`, in commit order, and the stake each put at risk.
    function committersOf(uint256 taskId) external view returns (address[] memory committers, uint256[] memory stakes) {
        committers = _committers[taskId];
        stakes = new uint256[](committers.length);
        for (uint256 i = 0; i < committers.length; ++i) {
            stakes[i] = _commitStake[taskId][committers[i]];
        }
    }

    /// @notice `coordinator`'s vote commitment on `taskId` (zero if none) and whether its vote is settled.
    function voteCommitOf(uint256 taskId, address coordinator) external view returns (bytes32 commitment, bool settled) {
        return (_voteCommits[taskId][coordinator], _voteSettled[taskId][coordinator]);
    }

    /// @notice The block the committee draw of `taskId` is anchored to (0 before drawCommittee).
    function drawBlockOf(uint256 taskId) external view returns (uint256) {
        return _drawBlock[taskId];
    }

    /// @notice `coordinator`'s scores for `taskId` in revealed-solver order (empty if it did not vote).
    function scoresOf(uint256 taskId, address coordinator) external view returns (uint16[] memory) {
        return _votes[taskId][coordinator].scores;
    }

    /// @notice `coordinator`'s whole vote on `taskId` (empty if it did not vote).
    function voteOf(uint256 taskId, address coordinator) external view returns (Vote memory) {
        return _votes[taskId][coordinator];
    }

    /// @notice `coordinator`'s score for `solver`'s solution in `taskId`.
    function scoreOf(uint256 taskId, address coordinator, address solver) external view returns (uint16) {
        address[] memory solvers = tasks.revealedSolvers(taskId);
        uint16[] storage scores = _votes[taskId][coordinator].scores;
        for (uint256 j = 0; j < solvers.length; ++j) {
            if (solvers[j] == solver && j < scores.length) return scores[j];
        }
        revert UnknownSolution(taskId, solver);
    }

    /// @notice Stake that weighted `coordinator`'s vote on `taskId` (0 if it did not vote).
    function voteStakeOf(uint256 taskId, address coordinator) external view returns (uint256) {
        return _voteStake[taskId][coordinator];
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

    function _isDrawn(uint256 taskId, bytes32 seed, address coordinator) private view returns (bool) {
        uint256 stake = _commitStake[taskId][coordinator];
        return seed != bytes32(0) && stake != 0
            && Committee.isDrawn(seed, coordinator, stake, _committedStake[taskId], COMMITTEE_SIZE);
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

    function _requireTaskState(uint256 taskId, TaskState expected) private view {
        TaskState current = tasks.stateOf(taskId);
        if (current != expected) revert TaskNotInState(taskId, current, expected);
    }
}
