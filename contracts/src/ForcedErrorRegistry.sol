// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Forced errors: an authorized planter submits a plausible bad solution to a task through TaskContract from a fresh
// staked solver account of its own, and commits here, before the task's commit window opens, to flagCommit =
// keccak256(abi.encode(taskId, plantedSolver, plantDigest, salt)). Its plant accounts are registered in advance as
// hidden commitments keccak256(abi.encode(planter, account, accountSalt)), so nobody can tell which staked solvers are
// plant accounts until one is revealed. Nothing on chain says which solution is planted until the planter reveals
// after the votes were revealed; the reveal must match the digest that solver actually revealed (a planter could not
// know an honest digest before commits opened) and name one of the planter's plant accounts, registered in a block
// before the plant was committed and never revealed before (one use per account), so a planter cannot flag an honest
// solver it never registered, nor reuse an account that is public after its first use.
// Each coordinator that scored the plant above CATCH_THRESHOLD is recorded as a miss and slashed, and ResultsRewards
// gives the planted solution no reward. A plant whose account did not reveal its solution in the task (it missed the
// commit or reveal window) is abandoned instead: the planter opens the same two commitments with the digest it planted,
// nobody is judged, and finalization need not wait out FORCED_REVEAL_GRACE. Abandon refuses a plant that was revealed,
// so a planter cannot use it to spare coordinators after seeing their votes on the plant; it is allowed only after the
// vote-reveal deadline, so it tells no coordinator during the votes that the task holds no plant to catch.
// There is no isForcedError query.

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IParticipantStaking} from "./interfaces/IParticipantStaking.sol";
import {ITaskContract, TaskState, SolverStatus} from "./interfaces/ITaskContract.sol";
import {IResultsRewards} from "./interfaces/IResultsRewards.sol";
import {Role} from "./interfaces/Role.sol";

/// @title ForcedErrorRegistry
/// @notice Hidden known-bad solutions that test whether coordinators really verify.
contract ForcedErrorRegistry is Ownable {
    struct Plant {
        bytes32 flagCommit;
        address planter;
        address forcedSolver;
        bool revealed;
        bool abandoned;
        uint64 plantedBlock;
    }

    /// @notice Highest score (bps) that still counts as catching a forced error: 0, the score of no improvement.
    uint16 public constant CATCH_THRESHOLD = 0;
    /// @notice Share of a coordinator's stake slashed for a miss (bps).
    uint16 public constant MISS_PENALTY_SHARE = 500;

    /// @notice Stakes to slash on a miss (this contract must be an authorized slasher).
    IParticipantStaking public immutable staking;
    /// @notice The task lifecycle.
    ITaskContract public immutable tasks;
    /// @notice The votes.
    IResultsRewards public immutable results;

    mapping(uint256 taskId => Plant) private _plants;
    mapping(address planter => bool) private _planters;
    mapping(address coordinator => uint256) private _catches;
    mapping(address coordinator => uint256) private _misses;
    mapping(bytes32 accountCommit => uint64 registeredBlock) private _accountRegistrations;
    mapping(address account => uint256 taskId) private _accountUsedIn;

    /// @notice Emitted when a planter committed to a forced error in `taskId` (the solution stays hidden).
    event ForcedErrorPlanted(uint256 indexed taskId, address indexed planter, bytes32 flagCommit);
    /// @notice Emitted when the forced error of `taskId` was revealed to be `solver`'s solution.
    event ForcedErrorRevealed(uint256 indexed taskId, address indexed solver);
    /// @notice Emitted when the plant of `taskId`, `solver`'s, was abandoned because `solver` never revealed it there.
    event ForcedErrorAbandoned(uint256 indexed taskId, address indexed solver);
    /// @notice Emitted when `coordinator` scored the forced error at or below CATCH_THRESHOLD.
    event ForcedErrorCaught(uint256 indexed taskId, address indexed coordinator, uint16 score);
    /// @notice Emitted when `coordinator` scored the forced error above CATCH_THRESHOLD and was slashed `penalty`.
    event ForcedErrorMissed(uint256 indexed taskId, address indexed coordinator, uint16 score, uint256 penalty);
    /// @notice Emitted when `planter` registered `count` hidden plant-account commitments.
    event PlantAccountsRegistered(address indexed planter, uint256 count);
    /// @notice Emitted when the owner granted or revoked a planter.
    event PlanterSet(address indexed planter, bool allowed);

    /// @notice `caller` is not an authorized planter.
    error NotPlanter(address caller);
    /// @notice Task `taskId` is in `current`, the operation needs `expected`.
    error TaskNotInState(uint256 taskId, TaskState current, TaskState expected);
    /// @notice The operation needed time <= `deadline`; it is `nowTime`.
    error DeadlinePassed(uint256 taskId, uint64 deadline, uint64 nowTime);
    /// @notice The operation needed time > `deadline`; it is `nowTime`.
    error DeadlineNotReached(uint256 taskId, uint64 deadline, uint64 nowTime);
    /// @notice `taskId` already has a plant, or has none to reveal.
    error PlantExists(uint256 taskId);
    /// @notice `taskId` has no unrevealed plant.
    error NoPendingPlant(uint256 taskId);
    /// @notice `caller` did not plant in `taskId`.
    error NotTaskPlanter(uint256 taskId, address caller);
    /// @notice The flag commit is zero.
    error EmptyCommit();
    /// @notice The reveal hashes to `computed`, not to the stored `committed`.
    error RevealMismatch(uint256 taskId, bytes32 committed, bytes32 computed);
    /// @notice The planted `solver` never revealed its solution in `taskId`, so no coordinator could score it.
    error PlantNotRevealedInTask(uint256 taskId, address solver);
    /// @notice The planted `solver` revealed its solution in `taskId`, so the plant must be revealed, not abandoned.
    error PlantRevealedInTask(uint256 taskId, address solver);
    /// @notice No registration of `planter` hashes with `account` and the given account salt: the rule is that only
    /// the planter's own plant accounts, registered in advance (`registerPlantAccounts`), can be flagged.
    error PlantAccountNotRegistered(uint256 taskId, address planter, address account);
    /// @notice `account` was already revealed as the plant of `usedInTaskId`: each plant account plants once.
    error PlantAccountAlreadyUsed(uint256 taskId, address account, uint256 usedInTaskId);
    /// @notice `account` was registered in block `registeredBlock`, not before the plant of `taskId` was committed in
    /// block `plantedBlock`: plant accounts must be registered in advance.
    error PlantAccountRegisteredTooLate(uint256 taskId, address account, uint64 registeredBlock, uint64 plantedBlock);
    /// @notice `registerPlantAccounts` got no commitments.
    error NoPlantAccounts();
    /// @notice `accountCommit` is already registered.
    error PlantAccountExists(bytes32 accountCommit);

    /// @param staking_ ParticipantStaking.
    /// @param tasks_ TaskContract.
    /// @param results_ ResultsRewards.
    /// @param owner_ Account that authorizes planters.
    constructor(IParticipantStaking staking_, ITaskContract tasks_, IResultsRewards results_, address owner_)
        Ownable(owner_)
    {
        staking = staking_;
        tasks = tasks_;
        results = results_;
    }

    /// @notice Grants or revokes `planter`. Only the owner.
    function setPlanter(address planter, bool allowed) external onlyOwner {
        _planters[planter] = allowed;
        emit PlanterSet(planter, allowed);
    }

    /// @notice Registers plant accounts of the caller in advance, each as the hidden commitment
    /// keccak256(abi.encode(msg.sender, account, accountSalt)) (`plantAccountCommitment`). Only planters. A reveal may
    /// flag an account only if it was registered in a block before that task's plant was committed.
    function registerPlantAccounts(bytes32[] calldata accountCommits) external {
        if (!_planters[msg.sender]) revert NotPlanter(msg.sender);
        if (accountCommits.length == 0) revert NoPlantAccounts();
        for (uint256 i = 0; i < accountCommits.length; ++i) {
            bytes32 c = accountCommits[i];
            if (c == bytes32(0)) revert EmptyCommit();
            if (_accountRegistrations[c] != 0) revert PlantAccountExists(c);
            _accountRegistrations[c] = uint64(block.number); // > 0: block 0 is genesis, no transaction lands there
        }
        emit PlantAccountsRegistered(msg.sender, accountCommits.length);
    }

    /// @notice Commits to a forced error in `taskId` before its commit window opens (the task is Proposed). Only
    /// planters, once per task.
    /// @param flagCommit keccak256(abi.encode(taskId, plantedSolver, plantDigest, salt)); see `flagCommitment`.
    function plant(uint256 taskId, bytes32 flagCommit) external {
        if (!_planters[msg.sender]) revert NotPlanter(msg.sender);
        _requireTaskState(taskId, TaskState.Proposed);
        if (flagCommit == bytes32(0)) revert EmptyCommit();
        Plant storage p = _plants[taskId];
        if (p.planter != address(0)) revert PlantExists(taskId);
        p.flagCommit = flagCommit;
        p.planter = msg.sender;
        p.plantedBlock = uint64(block.number);
        emit ForcedErrorPlanted(taskId, msg.sender, flagCommit);
    }

    /// @notice Reveals which solution of `taskId` was planted, after the vote-reveal window and before
    /// finalization, and judges every coordinator whose vote was revealed. Only the task's planter. The commitment is
    /// checked against the digest `solver` revealed in TaskContract, so only the committed plant can be flagged, and
    /// `solver` must be one of the planter's registered, unused plant accounts (`accountSalt` opens its registration).
    function reveal(uint256 taskId, address solver, bytes32 salt, bytes32 accountSalt) external {
        Plant storage p = _pendingAfterVotes(taskId);
        if (tasks.solverStatusOf(taskId, solver) != SolverStatus.Revealed) revert PlantNotRevealedInTask(taskId, solver);
        _useAccount(taskId, p, solver, accountSalt); // first, so a frame of an unregistered solver names that rule
        bytes32 computed = flagCommitment(taskId, solver, tasks.solutionDigestOf(taskId, solver), salt);
        if (computed != p.flagCommit) revert RevealMismatch(taskId, p.flagCommit, computed);

        p.revealed = true;
        p.forcedSolver = solver;
        emit ForcedErrorRevealed(taskId, solver);

        address[] memory voters = results.votersOf(taskId);
        for (uint256 i = 0; i < voters.length; ++i) {
            uint16 score = results.scoreOf(taskId, voters[i], solver);
            if (score <= CATCH_THRESHOLD) {
                ++_catches[voters[i]];
                emit ForcedErrorCaught(taskId, voters[i], score);
            } else {
                ++_misses[voters[i]];
                uint256 penalty = (staking.stakeOf(voters[i], Role.Coordinator) * MISS_PENALTY_SHARE) / 10_000;
                uint256 slashed = staking.slash(voters[i], Role.Coordinator, penalty, "forced-error-miss");
                emit ForcedErrorMissed(taskId, voters[i], score, slashed);
            }
        }
    }

    /// @notice Abandons the plant of `taskId` whose account `solver` never revealed its solution there (it missed the
    /// commit or the reveal window), after the vote-reveal deadline and before finalization, so finalization need not
    /// wait FORCED_REVEAL_GRACE. Only the task's planter. Opens the flag with the digest it planted (`digest`; the
    /// task holds no revealed one) and the account's registration; the account counts as used. Nobody is judged.
    function abandon(uint256 taskId, address solver, bytes32 digest, bytes32 salt, bytes32 accountSalt) external {
        Plant storage p = _pendingAfterVotes(taskId);
        if (tasks.solverStatusOf(taskId, solver) == SolverStatus.Revealed) revert PlantRevealedInTask(taskId, solver);
        _useAccount(taskId, p, solver, accountSalt);
        bytes32 computed = flagCommitment(taskId, solver, digest, salt);
        if (computed != p.flagCommit) revert RevealMismatch(taskId, p.flagCommit, computed);
        p.abandoned = true;
        emit ForcedErrorAbandoned(taskId, solver);
    }

    /// @notice The flag commit for planting `solver`'s solution with content digest `digest` in `taskId`:
    /// keccak256(abi.encode(taskId, solver, digest, salt)).
    function flagCommitment(uint256 taskId, address solver, bytes32 digest, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(taskId, solver, digest, salt));
    }

    /// @notice The registration commitment of plant account `account` of `planter`:
    /// keccak256(abi.encode(planter, account, accountSalt)).
    function plantAccountCommitment(address planter, address account, bytes32 accountSalt) public pure returns (bytes32) {
        return keccak256(abi.encode(planter, account, accountSalt));
    }

    /// @notice The block `accountCommit` was registered in (0: not registered); says nothing about which account.
    function plantAccountRegisteredIn(bytes32 accountCommit) external view returns (uint64) {
        return _accountRegistrations[accountCommit];
    }

    /// @notice Whether `taskId` has a plant awaiting its reveal (says nothing about which solution).
    function isPending(uint256 taskId) external view returns (bool) {
        Plant storage p = _plants[taskId];
        return p.planter != address(0) && !p.revealed && !p.abandoned;
    }

    /// @notice The planted solver of `taskId` once revealed, otherwise address(0).
    function revealedForcedSolver(uint256 taskId) external view returns (address) {
        return _plants[taskId].forcedSolver;
    }

    /// @notice Forced errors `coordinator` caught and missed so far.
    function recordOf(address coordinator) external view returns (uint256 caught, uint256 missed) {
        return (_catches[coordinator], _misses[coordinator]);
    }

    /// @notice Whether `account` may plant.
    function isPlanter(address account) external view returns (bool) {
        return _planters[account];
    }

    // The caller's pending plant of `taskId` in Verifying after the vote-reveal deadline, or once every committed vote
    // is revealed (nothing left for a coordinator to learn): when reveal and abandon may run.
    function _pendingAfterVotes(uint256 taskId) private view returns (Plant storage p) {
        p = _plants[taskId];
        if (p.planter == address(0) || p.revealed || p.abandoned) revert NoPendingPlant(taskId);
        if (msg.sender != p.planter) revert NotTaskPlanter(taskId, msg.sender);
        _requireTaskState(taskId, TaskState.Verifying);
        uint64 deadline = results.voteRevealDeadlineOf(taskId);
        if (block.timestamp <= deadline && !results.votesRevealed(taskId)) revert DeadlineNotReached(taskId, deadline, uint64(block.timestamp));
    }

    // One use per account, registered in a block before the plant was committed (itself before commits opened).
    function _useAccount(uint256 taskId, Plant storage p, address solver, bytes32 accountSalt) private {
        uint64 registered = _accountRegistrations[plantAccountCommitment(p.planter, solver, accountSalt)];
        if (registered == 0) revert PlantAccountNotRegistered(taskId, p.planter, solver);
        if (registered >= p.plantedBlock) revert PlantAccountRegisteredTooLate(taskId, solver, registered, p.plantedBlock);
        uint256 usedIn = _accountUsedIn[solver];
        if (usedIn != 0) revert PlantAccountAlreadyUsed(taskId, solver, usedIn);
        _accountUsedIn[solver] = taskId;
    }

    function _requireTaskState(uint256 taskId, TaskState expected) private view {
        TaskState current = tasks.stateOf(taskId);
        if (current != expected) revert TaskNotInState(taskId, current, expected);
    }
}
