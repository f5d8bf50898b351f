// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IModelShardRegistry
/// @notice What ProviderRegistry reads of ModelShardRegistry: a provider's stake and the minimum it needs.
interface IModelShardRegistry {
    struct Provider {
        uint256 stake;
        uint64 unlockAt;
        uint256 shardsAnnounced;
    }

    function minimumProviderStake() external view returns (uint256);

    function providerOf(address provider) external view returns (Provider memory);
}
