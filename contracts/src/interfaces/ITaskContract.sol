// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Task lifecycle (ABI: uint8). None means "no such task".
enum TaskState {
    None,
    Proposed,
    Committing,
    GroundTruthRevealed,
    Revealing,
    Verifying,
    Settled
}

/// @notice A solver's progress in one task (ABI: uint8).
enum SolverStatus {
    None,
    Committed,
    Revealed
}

/// @notice What ResultsRewards and ForcedErrorRegistry need from TaskContract.
interface ITaskContract {
    function stateOf(uint256 taskId) external view returns (TaskState);
    function proposerOf(uint256 taskId) external view returns (address);
    function projectOf(uint256 taskId) external view returns (uint256);
    function commitDeadlineOf(uint256 taskId) external view returns (uint64);
    function verifyDeadlineOf(uint256 taskId) external view returns (uint64);
    function verifyWindowOf(uint256 taskId) external view returns (uint64);
    function seedOf(uint256 taskId) external view returns (bytes32);
    function solutionDigestOf(uint256 taskId, address solver) external view returns (bytes32);
    function solverStatusOf(uint256 taskId, address solver) external view returns (SolverStatus);
    function revealedSolvers(uint256 taskId) external view returns (address[] memory);
    function committedSolvers(uint256 taskId) external view returns (address[] memory);
    function markSettled(uint256 taskId) external;
}
