// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The commit-reveal half of ResultsRewards, as its abstract base: any staked coordinator commits
// keccak256(abi.encode(taskId, coordinator, scores, invalid, badGroundTruth, salt)) in a task's verify window; after it,
// once a keeper anchored the committee draw to a block mined after commits closed, the drawn committee (Committee.sol,
// by stake) reveals within one more window of the same length; a drawn member that never revealed is slashed
// (`settleVote`). It stores votes and holds stakes; it does not judge them (ResultsRewards.finalize does). Each
// window may end early only when the chain shows that everyone it waits for acted: the draw may be anchored once every
// coordinator member of the task's project that could commit has (`votesComplete`; later commitments are refused),
// and the vote-reveal window ends once every committer revealed (`votesRevealed`).

import {IParticipantStaking} from "./interfaces/IParticipantStaking.sol";
import {ITaskContract, TaskState, SolverStatus} from "./interfaces/ITaskContract.sol";
import {Committee} from "./Committee.sol";
import {Role} from "./interfaces/Role.sol";

/// @title CommitteeVotes
/// @notice Hidden coordinator votes, the stake-weighted committee draw and the non-reveal slash.
abstract contract CommitteeVotes {
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
    /// @notice Share of a drawn coordinator's committed stake slashed when it never reveals its vote (bps).
    uint16 public constant NON_REVEAL_PENALTY_SHARE = 1_000;

    /// @notice Stakes that gate and weight coordinators.
    IParticipantStaking public immutable staking;
    /// @notice The task lifecycle.
    ITaskContract public immutable tasks;

    mapping(uint256 taskId => address[]) internal _voters;
    mapping(uint256 taskId => mapping(address coordinator => Vote)) internal _votes;
    mapping(uint256 taskId => mapping(address coordinator => uint256)) internal _voteStake;
    mapping(uint256 taskId => mapping(address coordinator => bytes32)) internal _voteCommits;
    mapping(uint256 taskId => mapping(address coordinator => uint256)) internal _commitStake;
    mapping(uint256 taskId => mapping(address coordinator => bool)) internal _voteSettled;
    mapping(uint256 taskId => address[]) internal _committers;
    mapping(uint256 taskId => uint256) internal _committedStake;
    mapping(uint256 taskId => uint256) internal _drawBlock;
    mapping(uint256 taskId => bytes32) internal _drawSeed;

    /// @notice Emitted when `coordinator` committed to a hidden vote on `taskId` with `stake` at risk.
    event VoteCommitted(uint256 indexed taskId, address indexed coordinator, bytes32 commitment, uint256 stake);
    /// @notice Emitted when the committee draw of `taskId` was anchored to block `blockNumber` (its hash decides).
    event CommitteeDrawAnchored(uint256 indexed taskId, uint256 blockNumber);
    /// @notice Emitted when a drawn `coordinator` of `taskId` never revealed and was slashed `penalty`.
    event VoteNotRevealed(uint256 indexed taskId, address indexed coordinator, uint256 penalty);
    /// @notice Emitted when `coordinator` revealed `scores` (in revealed-solver order) with `stake` weight.
    event ScoresSubmitted(uint256 indexed taskId, address indexed coordinator, uint16[] scores, uint256 invalid, bool badGroundTruth, uint256 stake);

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
    /// @notice `solver` did not reveal in `taskId`.
    error UnknownSolution(uint256 taskId, address solver);
    /// @notice The invalid mask `invalid` flags solutions beyond the `count` revealed.
    error InvalidMaskOutOfRange(uint256 invalid, uint256 count);
    /// @notice Solution `index` is flagged unjudgeable but scored `score`; an unjudgeable solution scores 0.
    error FlaggedSolutionScored(uint256 index, uint16 score);

    /// @param staking_ ParticipantStaking (the inheriting contract must be an authorized slasher).
    /// @param tasks_ TaskContract.
    constructor(IParticipantStaking staking_, ITaskContract tasks_) {
        staking = staking_;
        tasks = tasks_;
    }

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
        if (_drawBlock[taskId] != 0) revert CommitteeAlreadyDrawn(taskId, _drawBlock[taskId]); // drawn early: the commitments are fixed
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

    /// @notice Anchors the committee draw of `taskId` to the current block, once its verify window has closed or
    /// every coordinator member committed (`votesComplete`; either way every commitment is fixed from here): the draw seed is keccak256(abi.encode(taskId, task seed, blockhash(anchor))), which
    /// nobody but that block's producer can know when this transaction is sent. Anyone may call (a keeper duty);
    /// again only if the anchored hash went out of the EVM's 256-block reach before any reveal fixed the seed.
    function drawCommittee(uint256 taskId) external {
        _requireTaskState(taskId, TaskState.Verifying);
        uint64 deadline = tasks.verifyDeadlineOf(taskId);
        if (block.timestamp <= deadline && !votesComplete(taskId)) revert DeadlineNotReached(taskId, deadline, uint64(block.timestamp));
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
        if (block.timestamp <= opens && _drawBlock[taskId] == 0) revert DeadlineNotReached(taskId, opens, uint64(block.timestamp));
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
    /// @notice Whether the committee of `taskId` may be drawn before the verify deadline: it is verifying, not drawn,
    /// has a committed vote, and every coordinator member of its project (Project.membersOf) that could commit (an
    /// active Coordinator stake, neither its proposer nor one of its solvers) has committed.
    function votesComplete(uint256 taskId) public view returns (bool) {
        if (tasks.stateOf(taskId) != TaskState.Verifying || _drawBlock[taskId] != 0 || _committers[taskId].length == 0) return false;
        address[] memory members = _coordinatorMembers(tasks.projectOf(taskId));
        if (members.length == 0) return false;
        address proposer = tasks.proposerOf(taskId);
        for (uint256 i = 0; i < members.length; ++i) {
            address m = members[i];
            bool could = m != proposer && tasks.solverStatusOf(taskId, m) == SolverStatus.None && staking.isActive(m, Role.Coordinator);
            if (could && _voteCommits[taskId][m] == bytes32(0)) return false;
        }
        return true;
    }

    /// @notice Whether the vote-reveal window of `taskId` may end before its deadline: the draw seed is known and every
    /// committer revealed (so nobody may reveal any more).
    function votesRevealed(uint256 taskId) public view returns (bool) {
        uint256 committers = _committers[taskId].length;
        return tasks.stateOf(taskId) == TaskState.Verifying && committers != 0 && _voters[taskId].length == committers;
    }

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

    function _isDrawn(uint256 taskId, bytes32 seed, address coordinator) internal view returns (bool) {
        uint256 stake = _commitStake[taskId][coordinator];
        return seed != bytes32(0) && stake != 0
            && Committee.isDrawn(seed, coordinator, stake, _committedStake[taskId], COMMITTEE_SIZE);
    }

    /// @dev The coordinator members of `projectId` (ResultsRewards reads them from Project).
    function _coordinatorMembers(uint256 projectId) internal view virtual returns (address[] memory);

    function _requireTaskState(uint256 taskId, TaskState expected) internal view {
        TaskState current = tasks.stateOf(taskId);
        if (current != expected) revert TaskNotInState(taskId, current, expected);
    }
}
