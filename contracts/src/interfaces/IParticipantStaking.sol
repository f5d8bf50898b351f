// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Role} from "./Role.sol";

/// @notice What protocol contracts need from ParticipantStaking.
interface IParticipantStaking {
    function isActive(address account, Role role) external view returns (bool);
    function stakeOf(address account, Role role) external view returns (uint256);
    function hold(address account, Role role) external;
    function release(address account, Role role) external;
    function slash(address account, Role role, uint256 amount, bytes32 reason) external returns (uint256);
}
