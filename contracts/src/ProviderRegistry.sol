// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Storage providers announce themselves and the URL of their blob gateway here, so nodes find every provider from
// the chain alone. Announcing needs the provider stake of ModelShardRegistry (the stake that backs shard
// announcements); a provider whose stake fell below it stays listed but `isActive` says false. It does not check
// that the URL answers: fetchers verify every byte against the chain's roots anyway.

import {IModelShardRegistry} from "./interfaces/IModelShardRegistry.sol";

/// @title ProviderRegistry
/// @notice Staked storage providers and their gateway URLs.
contract ProviderRegistry {
    /// @notice The registry whose provider stake an announcement needs.
    IModelShardRegistry public immutable shards;

    address[] private _providers;
    mapping(address provider => string) private _gateways;
    mapping(address provider => uint256) private _slot; // index + 1 in _providers; 0: not listed

    /// @notice Emitted when `provider` announced (or changed) its gateway URL.
    event ProviderAnnounced(address indexed provider, string gateway);
    /// @notice Emitted when `provider` took itself off the list.
    event ProviderWithdrawn(address indexed provider);

    /// @notice The URL is empty, longer than 256 bytes, or not http(s)://.
    error InvalidGateway(string gateway);
    /// @notice `provider` stakes `stake` in ModelShardRegistry, below the `minimum` a provider needs.
    error ProviderStakeTooLow(address provider, uint256 stake, uint256 minimum);
    /// @notice `provider` is not listed.
    error UnknownProvider(address provider);

    /// @param shards_ ModelShardRegistry, which holds provider stakes.
    constructor(IModelShardRegistry shards_) {
        shards = shards_;
    }

    /// @notice Lists the caller with its gateway URL (or changes the URL). Needs the minimum provider stake.
    function announce(string calldata gateway) external {
        bytes memory url = bytes(gateway);
        if (url.length < 8 || url.length > 256 || !_isHttp(url)) revert InvalidGateway(gateway);
        uint256 stake = shards.providerOf(msg.sender).stake;
        uint256 minimum = shards.minimumProviderStake();
        if (stake < minimum) revert ProviderStakeTooLow(msg.sender, stake, minimum);
        if (_slot[msg.sender] == 0) {
            _providers.push(msg.sender);
            _slot[msg.sender] = _providers.length;
        }
        _gateways[msg.sender] = gateway;
        emit ProviderAnnounced(msg.sender, gateway);
    }

    /// @notice Takes the caller off the list.
    function withdraw() external {
        uint256 slot = _slot[msg.sender];
        if (slot == 0) revert UnknownProvider(msg.sender);
        address last = _providers[_providers.length - 1];
        _providers[slot - 1] = last;
        _slot[last] = slot;
        _providers.pop();
        delete _slot[msg.sender];
        delete _gateways[msg.sender];
        emit ProviderWithdrawn(msg.sender);
    }

    /// @notice Every listed provider and its gateway URL.
    function providers() external view returns (address[] memory accounts, string[] memory gateways) {
        accounts = _providers;
        gateways = new string[](accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            gateways[i] = _gateways[accounts[i]];
        }
    }

    /// @notice The gateway URL of `provider`; reverts with UnknownProvider when it is not listed.
    function gatewayOf(address provider) external view returns (string memory) {
        if (_slot[provider] == 0) revert UnknownProvider(provider);
        return _gateways[provider];
    }

    /// @notice Whether `provider` is listed and still holds the minimum provider stake.
    function isActive(address provider) external view returns (bool) {
        return _slot[provider] != 0 && shards.providerOf(provider).stake >= shards.minimumProviderStake();
    }

    function _isHttp(bytes memory url) private pure returns (bool) {
        bytes memory http = "http://";
        bytes memory https = "https://";
        return _startsWith(url, http) || _startsWith(url, https);
    }

    function _startsWith(bytes memory data, bytes memory prefix) private pure returns (bool) {
        if (data.length < prefix.length) return false;
        for (uint256 i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) return false;
        }
        return true;
    }
}
