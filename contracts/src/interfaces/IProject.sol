// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Role} from "./Role.sol";

/// @notice What protocol contracts need from Project.
interface IProject {
    function isProposer(uint256 projectId, address account) external view returns (bool);
    function allocate(uint256 projectId, uint256 amount, address recipient) external;
    function fund(uint256 projectId, uint256 amount) external;
    function modelCidAt(uint256 projectId, uint256 round) external view returns (string memory);
    function replaceModel(uint256 projectId, uint256 round, string calldata cid, bytes32 merkleRoot) external;
    function markFinal(uint256 projectId, uint256 round) external;
    function membersOf(uint256 projectId, Role role) external view returns (address[] memory);
}
