// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The task lifecycle: Proposed -> Committing -> GroundTruthRevealed -> Revealing -> Verifying -> Settled,
// one stored enum checked by `_requireState`. Content ids on chain are the sha2-256 digests of raw CIDv1s (bytes32),
// so every reveal is a well-formed content id. Solvers commit keccak256(abi.encode(taskId, solver, digest, salt)),
// so a commitment seen on chain is useless to anyone else, and post a bond that ResultsRewards returns only for a
// valid reveal; the proposer's gtCommit is keccak256(abi.encode(proposer, gtDigest, salt)). A proposer offers one
// reward; `rewardSplit` divides it into the solver pool, coordinator pool, proposer fee and keeper pool. No phase
// depends on one party acting: once due, anyone may open commits, close reveals, finalize or cancel a task whose
// ground truth was never revealed, for a keeper bounty. Scores, rewards, bonds and slashing live in ResultsRewards.

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IParticipantStaking} from "./interfaces/IParticipantStaking.sol";
import {IProject} from "./interfaces/IProject.sol";
import {IResultsRewards} from "./interfaces/IResultsRewards.sol";
import {TaskState, SolverStatus} from "./interfaces/ITaskContract.sol";
import {Role} from "./interfaces/Role.sol";

/// @title TaskContract
/// @notice Training tasks with commit-reveal of the proposer's ground truth and of every solver's solution.
contract TaskContract is Ownable {
    /// @notice What a proposer offers: project, spec, hidden ground truth, the reward (ATN base units, split by
    /// `rewardSplit`), the bond each solver posts with its commitment, and phase windows (seconds).
    struct TaskTerms {
        uint256 projectId;
        string specCid;
        bytes32 gtCommit;
        uint256 reward;
        uint256 solverBond;
        uint64 commitWindow;
        uint64 revealWindow;
        uint64 verifyWindow;
    }

    struct Task {
        TaskTerms terms;
        address proposer;
        TaskState state;
        bool cancelled;
        uint64 proposedAt;
        uint64 commitDeadline;
        uint64 revealDeadline;
        uint64 verifyDeadline;
        bytes32 gtDigest;
        bytes32 seed;
    }

    /// @notice Most solvers one task accepts (bounds the loops of ResultsRewards).
    uint256 public constant MAX_SOLVERS = 32;
    /// @notice Shortest phase window: two blocks of a dev chain at one block a second. A project's proposers pick
    /// windows that fit their chain's block time and their solvers' training; seconds on a devnet, hours elsewhere.
    uint64 public constant MIN_WINDOW = 2 seconds;
    /// @notice Longest phase window.
    uint64 public constant MAX_WINDOW = 30 days;
    /// @notice Share of the proposer's stake slashed when it never reveals its ground truth (bps).
    uint16 public constant MISSED_REVEAL_PENALTY_SHARE = 1_000;
    /// @notice Share of a task's reward that pays its coordinators, by agreement with consensus (bps): 20%.
    uint16 public constant COORDINATOR_SHARE = 2_000;
    /// @notice Share of a task's reward that pays its proposer for a fresh validation sample (bps): 10%.
    uint16 public constant PROPOSER_SHARE = 1_000;
    /// @notice Share of a task's reward that pays keepers for the duties anyone may do once due (bps): 1%.
    uint16 public constant KEEPER_SHARE = 100;
    /// @notice Keeper duties a task can pay for (open, close reveals, finalize, cancel); each earns 1/4 of the pool.
    uint256 public constant KEEPER_DUTIES = 4;
    /// @notice Smallest reward: below it a keeper's bounty (1/4 of 1%, rounded down) would be zero.
    uint256 public constant MIN_REWARD = (10_000 * KEEPER_DUTIES) / KEEPER_SHARE;
    /// @notice Smallest solver bond (1 ATN): a commitment must cost something, or free slots can be filled for free.
    uint256 public constant MIN_SOLVER_BOND = 1e18;

    /// @notice Stakes that gate proposers and solvers.
    IParticipantStaking public immutable staking;
    /// @notice Budgets that pay for tasks.
    IProject public immutable project;
    /// @notice The rewards contract, set once by the owner.
    IResultsRewards public resultsRewards;
    /// @notice Number of tasks; ids run from 1 to this value.
    uint256 public taskCount;

    mapping(uint256 taskId => Task) private _tasks;
    mapping(uint256 taskId => mapping(address solver => SolverStatus)) private _status;
    mapping(uint256 taskId => mapping(address solver => bytes32)) private _commitments;
    mapping(uint256 taskId => mapping(address solver => bytes32)) private _solutionDigests;
    mapping(uint256 taskId => mapping(bytes32 digest => address solver)) private _digestOwners;
    mapping(uint256 taskId => address[]) private _committed;
    mapping(uint256 taskId => address[]) private _revealed;

    /// @notice Emitted when `proposer` proposed `taskId` for `projectId`.
    event TaskProposed(uint256 indexed taskId, uint256 indexed projectId, address indexed proposer, bytes32 gtCommit, string specCid);
    /// @notice Emitted when `taskId` moved from `from` to `to`.
    event TaskStateChanged(uint256 indexed taskId, TaskState from, TaskState to);
    /// @notice Emitted when `solver` committed to a solution of `taskId`.
    event SolutionCommitted(uint256 indexed taskId, address indexed solver, bytes32 commitment);
    /// @notice Emitted when the proposer revealed the ground truth of `taskId`.
    event GroundTruthRevealed(uint256 indexed taskId, bytes32 gtDigest, bytes32 seed);
    /// @notice Emitted when `solver` revealed the solution it committed to.
    event SolutionRevealed(uint256 indexed taskId, address indexed solver, bytes32 digest);
    /// @notice Emitted when `taskId` was cancelled and its pools returned to the project.
    event TaskCancelled(uint256 indexed taskId, address indexed by);
    /// @notice Emitted when the owner set the rewards contract.
    event ResultsRewardsSet(address resultsRewards);

    /// @notice Task `taskId` is in `current`, the operation needs `expected`.
    error TaskNotInState(uint256 taskId, TaskState current, TaskState expected);
    /// @notice `account` lacks an active `role` stake.
    error NotStaked(address account, Role role);
    /// @notice `account` may not propose tasks paid by `projectId`.
    error NotProjectProposer(uint256 projectId, address account);
    /// @notice `caller` is not the proposer of `taskId`.
    error NotProposer(uint256 taskId, address caller);
    /// @notice `caller` is not the rewards contract.
    error NotResultsRewards(address caller);
    /// @notice The phase window `window` is outside [MIN_WINDOW, MAX_WINDOW].
    error WindowOutOfRange(uint64 window, uint64 minimum, uint64 maximum);
    /// @notice gtCommit or the commitment is zero.
    error EmptyValue();
    /// @notice The reward `reward` is below MIN_REWARD (`minimum`), so a pool would be empty; offer more.
    error RewardTooSmall(uint256 reward, uint256 minimum);
    /// @notice The operation needed time <= `deadline`; it is `nowTime`.
    error DeadlinePassed(uint256 taskId, uint64 deadline, uint64 nowTime);
    /// @notice The operation needed time > `deadline`; it is `nowTime`.
    error DeadlineNotReached(uint256 taskId, uint64 deadline, uint64 nowTime);
    /// @notice `solver` of `taskId` is in `current`, the operation needs `expected`.
    error SolverNotInStatus(uint256 taskId, address solver, SolverStatus current, SolverStatus expected);
    /// @notice The proposer may not also solve its own task.
    error ProposerCannotSolve(uint256 taskId, address proposer);
    /// @notice `taskId` already has MAX_SOLVERS commitments.
    error TooManySolvers(uint256 taskId, uint256 maximum);
    /// @notice The revealed values hash to `computed`, not to the stored `committed`.
    error RevealMismatch(uint256 taskId, address account, bytes32 committed, bytes32 computed);
    /// @notice The rewards contract is already set.
    error AlreadyWired();
    /// @notice The solver bond `bond` is below MIN_SOLVER_BOND (`minimum`).
    error BondTooSmall(uint256 bond, uint256 minimum);
    /// @notice `digest` was already revealed in `taskId` by `solver`: a copy earns nothing, and its bond is forfeited.
    error DuplicateSolution(uint256 taskId, bytes32 digest, address solver);

    /// @param staking_ ParticipantStaking.
    /// @param project_ Project (this contract must be one of its allocators).
    /// @param owner_ Account that wires the rewards contract.
    constructor(IParticipantStaking staking_, IProject project_, address owner_) Ownable(owner_) {
        staking = staking_;
        project = project_;
    }

    /// @notice Sets the rewards contract, once. Only the owner.
    function setResultsRewards(IResultsRewards resultsRewards_) external onlyOwner {
        if (address(resultsRewards) != address(0)) revert AlreadyWired();
        resultsRewards = resultsRewards_;
        emit ResultsRewardsSet(address(resultsRewards_));
    }

    /// @notice Proposes a task paid from the budget of `terms.projectId`; `terms.reward` moves to ResultsRewards
    /// now, split into its pools by `rewardSplit`.
    /// @dev The caller needs a Proposer stake and the project's approval; the reward is at least MIN_REWARD.
    /// @return taskId The new task's id, in state Proposed.
    function proposeTask(TaskTerms calldata terms) external returns (uint256 taskId) {
        if (!staking.isActive(msg.sender, Role.Proposer)) revert NotStaked(msg.sender, Role.Proposer);
        if (!project.isProposer(terms.projectId, msg.sender)) revert NotProjectProposer(terms.projectId, msg.sender);
        _checkWindow(terms.commitWindow);
        _checkWindow(terms.revealWindow);
        _checkWindow(terms.verifyWindow);
        if (terms.reward < MIN_REWARD) revert RewardTooSmall(terms.reward, MIN_REWARD);
        if (terms.gtCommit == bytes32(0)) revert EmptyValue();
        if (terms.solverBond < MIN_SOLVER_BOND) revert BondTooSmall(terms.solverBond, MIN_SOLVER_BOND);
        (uint256 solverPool, uint256 coordinatorPool, uint256 proposerFee, uint256 keeperPool) = rewardSplit(terms.reward);

        taskId = ++taskCount;
        Task storage t = _tasks[taskId];
        t.terms = terms;
        t.proposer = msg.sender;
        t.state = TaskState.Proposed;
        t.proposedAt = uint64(block.timestamp);
        emit TaskProposed(taskId, terms.projectId, msg.sender, terms.gtCommit, terms.specCid);

        project.allocate(terms.projectId, terms.reward, address(resultsRewards));
        resultsRewards.openPool(
            taskId, terms.projectId, IResultsRewards.Pools(solverPool, coordinatorPool, proposerFee, keeperPool), terms.solverBond
        );
        // The proposer can be slashed (missed reveal, bad ground truth) until the task settles.
        staking.hold(msg.sender, Role.Proposer);
    }

    /// @notice Opens the commit window of `taskId` for `commitWindow` seconds: by its proposer, or by anyone (for a
    /// keeper bounty) once `commitWindow` seconds have passed since the proposal, so a proposer cannot lock the pools.
    function openCommits(uint256 taskId) external {
        Task storage t = _tasks[taskId];
        _requireState(taskId, TaskState.Proposed);
        bool keeper = msg.sender != t.proposer;
        if (keeper) _requireAfter(taskId, t.proposedAt + t.terms.commitWindow);
        t.commitDeadline = uint64(block.timestamp) + t.terms.commitWindow;
        _setState(taskId, TaskState.Committing);
        if (keeper) resultsRewards.payKeeper(taskId, msg.sender);
    }

    /// @notice Commits to a solution: `commitment = keccak256(abi.encode(taskId, msg.sender, digest, salt))`, and
    /// posts the task's solver bond (pulled by ResultsRewards, which the solver must have approved).
    /// @dev Needs a Solver stake; once per solver and task; not by the task's proposer.
    function commitSolution(uint256 taskId, bytes32 commitment) external {
        Task storage t = _tasks[taskId];
        _requireState(taskId, TaskState.Committing);
        _requireBefore(taskId, t.commitDeadline);
        if (!staking.isActive(msg.sender, Role.Solver)) revert NotStaked(msg.sender, Role.Solver);
        if (msg.sender == t.proposer) revert ProposerCannotSolve(taskId, msg.sender);
        _requireStatus(taskId, msg.sender, SolverStatus.None);
        if (commitment == bytes32(0)) revert EmptyValue();
        if (_committed[taskId].length >= MAX_SOLVERS) revert TooManySolvers(taskId, MAX_SOLVERS);

        _status[taskId][msg.sender] = SolverStatus.Committed;
        _commitments[taskId][msg.sender] = commitment;
        _committed[taskId].push(msg.sender);
        emit SolutionCommitted(taskId, msg.sender, commitment);
        resultsRewards.takeBond(taskId, msg.sender);
    }

    /// @notice Reveals the ground truth after the commit window (or once `commitsComplete`: every member solver of
    /// the project committed); checked against gtCommit. Only the proposer, within `revealWindow` seconds after the
    /// commit deadline. Commits close with it (the task leaves Committing). Opens the solvers' reveal window and fixes the task's
    /// `seed` (validation masks and sampling): keccak256(abi.encode(taskId, salt, blockhash(block.number - 1))), which
    /// nobody knew while commits were open (the salt was the proposer's secret, the block came after the deadline).
    function revealGroundTruth(uint256 taskId, bytes32 gtDigest, bytes32 salt) external {
        Task storage t = _tasks[taskId];
        _requireState(taskId, TaskState.Committing);
        if (msg.sender != t.proposer) revert NotProposer(taskId, msg.sender);
        if (!commitsComplete(taskId)) _requireAfter(taskId, t.commitDeadline);
        _requireBefore(taskId, t.commitDeadline + t.terms.revealWindow);
        if (gtDigest == bytes32(0)) revert EmptyValue();
        bytes32 computed = groundTruthCommitment(msg.sender, gtDigest, salt);
        if (computed != t.terms.gtCommit) revert RevealMismatch(taskId, msg.sender, t.terms.gtCommit, computed);

        t.gtDigest = gtDigest;
        t.seed = keccak256(abi.encode(taskId, salt, blockhash(block.number - 1)));
        t.revealDeadline = uint64(block.timestamp) + t.terms.revealWindow;
        emit GroundTruthRevealed(taskId, gtDigest, t.seed);
        _setState(taskId, TaskState.GroundTruthRevealed);
    }

    /// @notice Reveals the caller's solution, the digest of its delta's content id; it must hash to the caller's
    /// commitment, and no other solver of the task may have revealed the same digest. The first reveal moves the task
    /// from GroundTruthRevealed to Revealing.
    function revealSolution(uint256 taskId, bytes32 digest, bytes32 salt) external {
        Task storage t = _tasks[taskId];
        _enterRevealing(taskId);
        _requireBefore(taskId, t.revealDeadline);
        _requireStatus(taskId, msg.sender, SolverStatus.Committed);
        if (digest == bytes32(0)) revert EmptyValue();
        bytes32 committed = _commitments[taskId][msg.sender];
        bytes32 computed = solutionCommitment(taskId, msg.sender, digest, salt);
        if (computed != committed) revert RevealMismatch(taskId, msg.sender, committed, computed);
        address owner = _digestOwners[taskId][digest];
        if (owner != address(0)) revert DuplicateSolution(taskId, digest, owner);

        _status[taskId][msg.sender] = SolverStatus.Revealed;
        _solutionDigests[taskId][msg.sender] = digest;
        _digestOwners[taskId][digest] = msg.sender;
        _revealed[taskId].push(msg.sender);
        emit SolutionRevealed(taskId, msg.sender, digest);
    }

    /// @notice Ends the reveal window once its deadline passed, or once every committed solver revealed
    /// (`revealsComplete`: nobody else may reveal), and opens verification. Anyone may call, for a keeper bounty.
    function closeReveals(uint256 taskId) external {
        Task storage t = _tasks[taskId];
        _enterRevealing(taskId);
        if (!revealsComplete(taskId)) _requireAfter(taskId, t.revealDeadline);
        t.verifyDeadline = uint64(block.timestamp) + t.terms.verifyWindow;
        _setState(taskId, TaskState.Verifying);
        resultsRewards.payKeeper(taskId, msg.sender);
    }

    /// @notice Whether the commit phase of `taskId` may end before its deadline: it is committing, has a commitment,
    /// and every member solver of its project (Project.membersOf) that could commit (an active Solver stake, not its
    /// proposer) has committed. Anyone else may still commit until the ground truth is revealed.
    function commitsComplete(uint256 taskId) public view returns (bool) {
        Task storage t = _tasks[taskId];
        if (t.state != TaskState.Committing || _committed[taskId].length == 0) return false;
        address[] memory members = project.membersOf(t.terms.projectId, Role.Solver);
        if (members.length == 0) return false;
        for (uint256 i = 0; i < members.length; ++i) {
            address m = members[i];
            if (m != t.proposer && _status[taskId][m] == SolverStatus.None && staking.isActive(m, Role.Solver)) return false;
        }
        return true;
    }

    /// @notice Whether the reveal phase of `taskId` may end before its deadline: its ground truth is revealed and
    /// every committed solver revealed (only they may).
    function revealsComplete(uint256 taskId) public view returns (bool) {
        TaskState s = _tasks[taskId].state;
        uint256 committed = _committed[taskId].length;
        return (s == TaskState.GroundTruthRevealed || s == TaskState.Revealing) && committed != 0 && _revealed[taskId].length == committed;
    }

    /// @notice Marks `taskId` settled after ResultsRewards computed its rewards. Only ResultsRewards.
    function markSettled(uint256 taskId) external {
        if (msg.sender != address(resultsRewards)) revert NotResultsRewards(msg.sender);
        _requireState(taskId, TaskState.Verifying);
        _setState(taskId, TaskState.Settled);
        staking.release(_tasks[taskId].proposer, Role.Proposer);
    }

    /// @notice Cancels a task and returns its pools to the project (and every bond to its solver): by the proposer
    /// while Proposed, or by anyone (for a keeper bounty) once the proposer missed its ground-truth reveal window,
    /// which also slashes 10% of the proposer's stake (this contract must be an authorized slasher).
    function cancelTask(uint256 taskId) external {
        Task storage t = _tasks[taskId];
        if (t.state == TaskState.Proposed) {
            if (msg.sender != t.proposer) revert NotProposer(taskId, msg.sender);
        } else {
            _requireState(taskId, TaskState.Committing);
            _requireAfter(taskId, t.commitDeadline + t.terms.revealWindow);
        }
        bool missedReveal = t.state == TaskState.Committing;
        t.cancelled = true;
        emit TaskCancelled(taskId, msg.sender);
        _setState(taskId, TaskState.Settled);
        if (missedReveal) resultsRewards.payKeeper(taskId, msg.sender);
        resultsRewards.refundCancelled(taskId);
        staking.release(t.proposer, Role.Proposer);
        if (missedReveal) {
            uint256 penalty = (staking.stakeOf(t.proposer, Role.Proposer) * MISSED_REVEAL_PENALTY_SHARE) / 10_000;
            staking.slash(t.proposer, Role.Proposer, penalty, "missed-ground-truth-reveal");
        }
    }

    /// @notice The commitment a solver must submit: keccak256(abi.encode(taskId, solver, digest, salt)).
    function solutionCommitment(uint256 taskId, address solver, bytes32 digest, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(taskId, solver, digest, salt));
    }

    /// @notice How `reward` is split: COORDINATOR_SHARE, PROPOSER_SHARE and KEEPER_SHARE of it, rounded down, and the
    /// rest (69% plus the rounding) to the solvers, so the four always sum to `reward`.
    function rewardSplit(uint256 reward)
        public
        pure
        returns (uint256 solverPool, uint256 coordinatorPool, uint256 proposerFee, uint256 keeperPool)
    {
        coordinatorPool = (reward * COORDINATOR_SHARE) / 10_000;
        proposerFee = (reward * PROPOSER_SHARE) / 10_000;
        keeperPool = (reward * KEEPER_SHARE) / 10_000;
        // Cannot underflow: the three shares sum to 3100 of 10000 bps, so they are at most 31% of `reward`.
        solverPool = reward - coordinatorPool - proposerFee - keeperPool;
    }

    /// @notice The gtCommit a proposer must submit: keccak256(abi.encode(proposer, gtDigest, salt)).
    function groundTruthCommitment(address proposer, bytes32 gtDigest, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(proposer, gtDigest, salt));
    }

    /// @notice Everything stored about `taskId`.
    function getTask(uint256 taskId) external view returns (Task memory) {
        return _tasks[taskId];
    }

    /// @notice State of `taskId` (None if it does not exist).
    function stateOf(uint256 taskId) external view returns (TaskState) {
        return _tasks[taskId].state;
    }

    /// @notice Proposer of `taskId`.
    function proposerOf(uint256 taskId) external view returns (address) {
        return _tasks[taskId].proposer;
    }

    /// @notice Project paying for `taskId`.
    function projectOf(uint256 taskId) external view returns (uint256) {
        return _tasks[taskId].terms.projectId;
    }

    /// @notice End of the commit window of `taskId` (0 before it opened).
    function commitDeadlineOf(uint256 taskId) external view returns (uint64) {
        return _tasks[taskId].commitDeadline;
    }

    /// @notice End of the solvers' reveal window of `taskId` (0 before the ground truth was revealed).
    function revealDeadlineOf(uint256 taskId) external view returns (uint64) {
        return _tasks[taskId].revealDeadline;
    }

    /// @notice End of the verification window of `taskId` (0 before it opened).
    function verifyDeadlineOf(uint256 taskId) external view returns (uint64) {
        return _tasks[taskId].verifyDeadline;
    }

    /// @notice The verification window of `taskId` (seconds); votes are revealed in one more window of this length.
    function verifyWindowOf(uint256 taskId) external view returns (uint64) {
        return _tasks[taskId].terms.verifyWindow;
    }

    /// @notice The randomness of `taskId`, fixed when its ground truth was revealed (zero before).
    function seedOf(uint256 taskId) external view returns (bytes32) {
        return _tasks[taskId].seed;
    }

    /// @notice Status of `solver` in `taskId`.
    function solverStatusOf(uint256 taskId, address solver) external view returns (SolverStatus) {
        return _status[taskId][solver];
    }

    /// @notice Commitment of `solver` in `taskId`.
    function commitmentOf(uint256 taskId, address solver) external view returns (bytes32) {
        return _commitments[taskId][solver];
    }

    /// @notice Revealed solution digest of `solver` in `taskId` (zero before its reveal).
    function solutionDigestOf(uint256 taskId, address solver) external view returns (bytes32) {
        return _solutionDigests[taskId][solver];
    }

    /// @notice Every commitment of `taskId` in commit order with its revealed digest (zero before the reveal): a
    /// node's whole view of the solutions in one call instead of three per solver.
    function solutionsOf(uint256 taskId)
        external
        view
        returns (address[] memory solvers, bytes32[] memory commitments, bytes32[] memory digests)
    {
        solvers = _committed[taskId];
        commitments = new bytes32[](solvers.length);
        digests = new bytes32[](solvers.length);
        for (uint256 i = 0; i < solvers.length; ++i) {
            commitments[i] = _commitments[taskId][solvers[i]];
            digests[i] = _solutionDigests[taskId][solvers[i]];
        }
    }

    /// @notice Solvers that committed to `taskId`, in commit order.
    function committedSolvers(uint256 taskId) external view returns (address[] memory) {
        return _committed[taskId];
    }

    /// @notice Solvers that revealed in `taskId`, in reveal order (the order of ResultsRewards score arrays).
    function revealedSolvers(uint256 taskId) external view returns (address[] memory) {
        return _revealed[taskId];
    }

    function _requireState(uint256 taskId, TaskState expected) private view {
        TaskState current = _tasks[taskId].state;
        if (current != expected) revert TaskNotInState(taskId, current, expected);
    }

    function _requireStatus(uint256 taskId, address solver, SolverStatus expected) private view {
        SolverStatus current = _status[taskId][solver];
        if (current != expected) revert SolverNotInStatus(taskId, solver, current, expected);
    }

    function _requireBefore(uint256 taskId, uint64 deadline) private view {
        if (block.timestamp > deadline) revert DeadlinePassed(taskId, deadline, uint64(block.timestamp));
    }

    function _requireAfter(uint256 taskId, uint64 deadline) private view {
        if (block.timestamp <= deadline) revert DeadlineNotReached(taskId, deadline, uint64(block.timestamp));
    }

    function _checkWindow(uint64 window) private pure {
        if (window < MIN_WINDOW || window > MAX_WINDOW) revert WindowOutOfRange(window, MIN_WINDOW, MAX_WINDOW);
    }

    /// @dev The solvers' reveal phase starts with the first action after the ground truth was revealed.
    function _enterRevealing(uint256 taskId) private {
        if (_tasks[taskId].state == TaskState.GroundTruthRevealed) _setState(taskId, TaskState.Revealing);
        _requireState(taskId, TaskState.Revealing);
    }

    function _setState(uint256 taskId, TaskState to) private {
        Task storage t = _tasks[taskId];
        TaskState from = t.state;
        t.state = to;
        emit TaskStateChanged(taskId, from, to);
    }
}
