// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice What ResultsRewards needs from ForcedErrorRegistry. There is deliberately no isForcedError.
interface IForcedErrorRegistry {
    /// @notice Whether a plant of `taskId` awaits its reveal.
    function isPending(uint256 taskId) external view returns (bool);
    /// @notice The planted solver of `taskId` once revealed, or address(0).
    function revealedForcedSolver(uint256 taskId) external view returns (address);
}
