// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Discovery from a single address (seed 002): the deployment writes every contract's address here under its
// name ("ATNToken", "TaskContract", ...), so a node given only an RPC URL and this address finds the rest.
// It holds addresses only: it does not check what the contracts are, and it does not upgrade or proxy them.

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title ContractRegistry
/// @notice Name → address of every contract of one Autonet deployment.
contract ContractRegistry is Ownable {
    /// @notice What this contract is, so a node can tell a registry from any other address: "autonet.registry.v1".
    string public constant KIND = "autonet.registry.v1";

    string[] private _names;
    mapping(string name => address) private _addresses;

    /// @notice Emitted when `name` was set to `contractAddress` (a new name or a replaced address).
    event ContractSet(string name, address contractAddress);

    /// @notice The address is zero.
    error ZeroAddress(string name);
    /// @notice The name is empty or longer than 64 bytes.
    error InvalidName(string name);
    /// @notice No contract is registered under `name`.
    error UnknownContract(string name);
    /// @notice `names` and `addresses` differ in length.
    error LengthMismatch(uint256 names, uint256 addresses);

    /// @param owner_ The deployer that fills the registry.
    constructor(address owner_) Ownable(owner_) {}

    /// @notice Registers (or replaces) the address of `name`. Only the owner.
    function setContract(string calldata name, address contractAddress) public onlyOwner {
        if (bytes(name).length == 0 || bytes(name).length > 64) revert InvalidName(name);
        if (contractAddress == address(0)) revert ZeroAddress(name);
        if (_addresses[name] == address(0)) _names.push(name);
        _addresses[name] = contractAddress;
        emit ContractSet(name, contractAddress);
    }

    /// @notice Registers several names at once. Only the owner.
    function setContracts(string[] calldata names_, address[] calldata addresses_) external onlyOwner {
        if (names_.length != addresses_.length) revert LengthMismatch(names_.length, addresses_.length);
        for (uint256 i = 0; i < names_.length; i++) {
            setContract(names_[i], addresses_[i]);
        }
    }

    /// @notice The address registered under `name`; reverts with UnknownContract when there is none.
    function addressOf(string calldata name) external view returns (address) {
        address a = _addresses[name];
        if (a == address(0)) revert UnknownContract(name);
        return a;
    }

    /// @notice Every registered name, in registration order.
    function names() external view returns (string[] memory) {
        return _names;
    }
}
