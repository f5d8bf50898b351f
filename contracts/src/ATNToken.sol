// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// ATN, the network's token: a fixed-supply ERC20 with EIP-2612 permit and ERC20Votes checkpoints
// (block-number clock). The whole supply is minted once to `initialHolder`; there is no mint or burn
// after construction, so no role can inflate balances.

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title ATNToken
/// @notice The Autonet token (ATN, 18 decimals) used for staking, project budgets and rewards.
contract ATNToken is ERC20, ERC20Permit, ERC20Votes {
    /// @notice Mints the whole fixed supply to `initialHolder`.
    /// @param initialHolder Receiver of the supply (the deployer or a treasury).
    /// @param initialSupply Amount in wei-units (18 decimals).
    constructor(address initialHolder, uint256 initialSupply) ERC20("Autonet", "ATN") ERC20Permit("Autonet") {
        _mint(initialHolder, initialSupply);
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
