// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Projects: an owner, an ATN budget anyone can fund, the proposers and aggregators the owner approved,
// and the published ("mature") global model of every round (CID, Merkle root of its shards, round), one per
// task whose aggregate it is (task 0 is the genesis model), so a node reads a task's model from the chain.
// A task's model is published once, after the task settled, by the task's designated aggregator (the project's
// approved aggregators take tasks in turn: task id modulo their count), who posts a bond with it; ModelChallenges
// then holds a challenge window, may replace the model with a challenger's, and marks it final. The genesis model
// is final at once. Readers that must not build on a model that may still be replaced use `latestFinalModel`.
// The budget is spent only through `allocate`, called by protocol contracts the admin authorized
// (TaskContract), which debits the budget before tokens move. Any staked solver may list itself as a member of a
// project (`join`, `leave`): the members are the solvers the project's tasks wait for, so a task whose every
// member committed may end its commit phase early (TaskContract.commitsComplete). Joining can only lengthen a phase.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IParticipantStaking} from "./interfaces/IParticipantStaking.sol";
import {IModelChallenges} from "./interfaces/IModelChallenges.sol";
import {Role} from "./interfaces/Role.sol";

/// @title Project
/// @notice Project budgets in ATN and the per-round global models they publish.
contract Project is Ownable {
    using SafeERC20 for IERC20;

    struct ProjectInfo {
        address owner;
        string metadataCid;
        uint256 budget;
        uint256 latestRound;
    }

    struct ModelVersion {
        string cid;
        bytes32 merkleRoot;
        uint256 round;
        uint256 taskId;
        address publisher;
        uint64 publishedAt;
        bool finalized;
    }

    /// @notice The budget token (ATN).
    IERC20 public immutable token;
    /// @notice Stakes that gate aggregators.
    IParticipantStaking public immutable staking;
    /// @notice Most members of one role a project lists (bounds the loops that read them).
    uint256 public constant MAX_MEMBERS = 32;
    /// @notice Number of projects created; ids run from 1 to this value.
    uint256 public projectCount;
    /// @notice Challenge windows of published models, set once by the admin.
    IModelChallenges public challenges;

    mapping(uint256 projectId => ProjectInfo) private _projects;
    mapping(uint256 projectId => mapping(uint256 round => ModelVersion)) private _models;
    mapping(uint256 projectId => mapping(uint256 taskId => uint256 round)) private _roundOfTask;
    mapping(uint256 projectId => mapping(address account => bool)) private _proposers;
    mapping(uint256 projectId => mapping(address account => bool)) private _aggregators;
    mapping(uint256 projectId => address[]) private _aggregatorList;
    mapping(uint256 projectId => uint256 round) private _finalRound;
    mapping(address allocator => bool) private _allocators;
    mapping(uint256 projectId => uint32 code) private _storageCodes; // k << 16 | m; 0: the defaults
    mapping(uint256 projectId => string spec) private _aggregations; // fixed at creation; empty: FedAvg
    mapping(uint256 projectId => mapping(Role role => address[])) private _members;
    mapping(uint256 projectId => mapping(Role role => mapping(address account => uint256))) private _memberSlot; // index + 1; 0: not a member

    /// @notice Data shards (k) of a project's models until its owner sets another code.
    uint16 public constant DEFAULT_DATA_SHARDS = 4;
    /// @notice Longest aggregation spec a project may state (a handful of key=value pairs).
    uint256 public constant MAX_AGGREGATION_BYTES = 128;
    /// @notice Parity shards (m) of a project's models until its owner sets another code.
    uint16 public constant DEFAULT_PARITY_SHARDS = 2;

    /// @notice Emitted when `owner` created project `projectId`.
    event ProjectCreated(uint256 indexed projectId, address indexed owner, string metadataCid);
    /// @notice Emitted when `funder` added `amount` to the budget of `projectId`.
    event ProjectFunded(uint256 indexed projectId, address indexed funder, uint256 amount, uint256 budget);
    /// @notice Emitted when an allocator moved `amount` of the budget to `recipient`.
    event BudgetAllocated(uint256 indexed projectId, address indexed allocator, address indexed recipient, uint256 amount);
    /// @notice Emitted when the project owner withdrew `amount` of unallocated budget.
    event BudgetWithdrawn(uint256 indexed projectId, address indexed to, uint256 amount);
    /// @notice Emitted when the project owner approved or removed a proposer.
    event ProposerSet(uint256 indexed projectId, address indexed account, bool allowed);
    /// @notice Emitted when the project owner approved or removed an aggregator.
    event AggregatorSet(uint256 indexed projectId, address indexed account, bool allowed);
    /// @notice Emitted when ModelChallenges replaced the model of `round` with an upheld challenger's.
    event ModelReplaced(uint256 indexed projectId, uint256 indexed round, string oldCid, string cid, bytes32 merkleRoot);
    /// @notice Emitted when the model of `round` became final (its challenge window settled).
    event ModelFinalized(uint256 indexed projectId, uint256 indexed round, string cid);
    /// @notice Emitted when the admin wired the challenge contract.
    event ChallengesSet(address challenges);
    /// @notice Emitted when the admin granted or revoked an allocator.
    event AllocatorSet(address indexed allocator, bool allowed);
    /// @notice Emitted when `account` listed itself as a `role` member of `projectId`.
    event MemberJoined(uint256 indexed projectId, address indexed account, Role role);
    /// @notice Emitted when `account` took itself off the `role` members of `projectId`.
    event MemberLeft(uint256 indexed projectId, address indexed account, Role role);
    /// @notice Emitted when the owner of `projectId` set its models' erasure code to k = `dataShards`, m = `parityShards`.
    event StorageCodeSet(uint256 indexed projectId, uint16 dataShards, uint16 parityShards);
    /// @notice Emitted when the global model of `round`, the aggregate of `taskId` (0: genesis), was published.
    event ModelPublished(
        uint256 indexed projectId, uint256 indexed round, uint256 indexed taskId, string cid, bytes32 merkleRoot, address publisher
    );

    /// @notice No project has id `projectId`.
    error UnknownProject(uint256 projectId);
    /// @notice `caller` is not the owner of `projectId`.
    error NotProjectOwner(uint256 projectId, address caller);
    /// @notice `caller` is not an allocator.
    error NotAllocator(address caller);
    /// @notice `caller` is not an approved, staked aggregator of `projectId`.
    error NotProjectAggregator(uint256 projectId, address caller);
    /// @notice The budget of `projectId` holds `budget`, less than `requested`.
    error InsufficientBudget(uint256 projectId, uint256 budget, uint256 requested);
    /// @notice `account` is already a `role` member of `projectId`.
    error AlreadyMember(uint256 projectId, address account, Role role);
    /// @notice `account` is not a `role` member of `projectId`.
    error NotMember(uint256 projectId, address account, Role role);
    /// @notice `projectId` already lists `maximum` members of `role`.
    error MembersFull(uint256 projectId, Role role, uint256 maximum);
    /// @notice `account` lacks an active `role` stake.
    error NotStaked(address account, Role role);
    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The address is zero.
    error ZeroAddress();
    /// @notice The model CID is empty or the Merkle root is zero.
    error EmptyModel();
    /// @notice No model was published for `round` of `projectId`.
    error UnknownRound(uint256 projectId, uint256 round);
    /// @notice `caller` may not publish the model of `taskId`: the task's designated aggregator is `designated`.
    error NotDesignatedAggregator(uint256 projectId, uint256 taskId, address caller, address designated);
    /// @notice `caller` is not the challenge contract.
    error NotChallenges(address caller);
    /// @notice The challenge contract is not wired (or already is).
    error ChallengesWiring(address current);
    /// @notice A storage code needs 1 <= k and k + m <= 256 (Reed-Solomon over GF(2^8)); got k = `dataShards`, m = `parityShards`.
    error InvalidStorageCode(uint16 dataShards, uint16 parityShards);
    /// @notice An aggregation spec longer than MAX_AGGREGATION_BYTES.
    error AggregationTooLong(uint256 length, uint256 max);
    /// @notice `taskId` of `projectId` already has its model, `cid`, published in `round`; a task has one model.
    error ModelAlreadyPublished(uint256 projectId, uint256 taskId, uint256 round, string cid);

    /// @param token_ The ATN token.
    /// @param staking_ ParticipantStaking (aggregators must hold an Aggregator stake).
    /// @param admin Account that authorizes allocators.
    constructor(IERC20 token_, IParticipantStaking staking_, address admin) Ownable(admin) {
        if (address(token_) == address(0) || address(staking_) == address(0)) revert ZeroAddress();
        token = token_;
        staking = staking_;
    }

    modifier onlyProjectOwner(uint256 projectId) {
        _requireProject(projectId);
        if (_projects[projectId].owner != msg.sender) revert NotProjectOwner(projectId, msg.sender);
        _;
    }

    /// @notice Creates a project owned by the caller. `aggregation` is how its models are combined, as canonical text
    /// (for example "rule=trimmed-mean trim_per_side=2"; empty: FedAvg; nodes parse it and refuse what they cannot),
    /// fixed for the project's life: an aggregator and every challenger recomputing its model read the same rule, so
    /// no node's configuration can make an honest publish look wrong.
    /// @param metadataCid CID of the project's description (name, data spec, model architecture).
    /// @param aggregation The aggregation spec, at most MAX_AGGREGATION_BYTES.
    /// @return projectId The new project's id.
    function createProject(string calldata metadataCid, string calldata aggregation) external returns (uint256 projectId) {
        if (bytes(aggregation).length > MAX_AGGREGATION_BYTES) revert AggregationTooLong(bytes(aggregation).length, MAX_AGGREGATION_BYTES);
        projectId = ++projectCount;
        ProjectInfo storage p = _projects[projectId];
        p.owner = msg.sender;
        p.metadataCid = metadataCid;
        _aggregations[projectId] = aggregation;
        emit ProjectCreated(projectId, msg.sender, metadataCid);
    }

    /// @notice Adds `amount` ATN (pulled with transferFrom) to the budget of `projectId`. Anyone may fund.
    function fund(uint256 projectId, uint256 amount) external {
        _requireProject(projectId);
        if (amount == 0) revert ZeroAmount();
        ProjectInfo storage p = _projects[projectId];
        p.budget += amount;
        emit ProjectFunded(projectId, msg.sender, amount, p.budget);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Approves or removes `account` as a proposer of tasks paid from the budget. Only the project owner.
    function setProposer(uint256 projectId, address account, bool allowed) external onlyProjectOwner(projectId) {
        _proposers[projectId][account] = allowed;
        emit ProposerSet(projectId, account, allowed);
    }

    /// @notice Approves or removes `account` as a publisher of global models. Only the project owner.
    /// @dev The order of approval is the order in which approved aggregators take tasks (removal swaps in the last).
    function setAggregator(uint256 projectId, address account, bool allowed) external onlyProjectOwner(projectId) {
        if (account == address(0)) revert ZeroAddress();
        if (allowed != _aggregators[projectId][account]) {
            address[] storage list = _aggregatorList[projectId];
            if (allowed) {
                list.push(account);
            } else {
                for (uint256 i = 0; i < list.length; ++i) {
                    if (list[i] == account) {
                        list[i] = list[list.length - 1];
                        list.pop();
                        break;
                    }
                }
            }
        }
        _aggregators[projectId][account] = allowed;
        emit AggregatorSet(projectId, account, allowed);
    }

    /// @notice Lists the caller as a `role` member of `projectId`: one the project's tasks wait for. Needs an active
    /// `role` stake; at most MAX_MEMBERS per role (a full list only means no phase ends early).
    function join(uint256 projectId, Role role) external {
        _requireProject(projectId);
        if (!staking.isActive(msg.sender, role)) revert NotStaked(msg.sender, role);
        if (_memberSlot[projectId][role][msg.sender] != 0) revert AlreadyMember(projectId, msg.sender, role);
        address[] storage list = _members[projectId][role];
        if (list.length >= MAX_MEMBERS) revert MembersFull(projectId, role, MAX_MEMBERS);
        list.push(msg.sender);
        _memberSlot[projectId][role][msg.sender] = list.length;
        emit MemberJoined(projectId, msg.sender, role);
    }

    /// @notice Takes the caller off the `role` members of `projectId` (the last member takes its place in the list).
    function leave(uint256 projectId, Role role) external {
        uint256 slot = _memberSlot[projectId][role][msg.sender];
        if (slot == 0) revert NotMember(projectId, msg.sender, role);
        address[] storage list = _members[projectId][role];
        address last = list[list.length - 1];
        list[slot - 1] = last;
        _memberSlot[projectId][role][last] = slot;
        list.pop();
        delete _memberSlot[projectId][role][msg.sender];
        emit MemberLeft(projectId, msg.sender, role);
    }

    /// @notice The `role` members of `projectId`, in list order.
    function membersOf(uint256 projectId, Role role) external view returns (address[] memory) {
        return _members[projectId][role];
    }

    /// @notice Withdraws `amount` of unallocated budget to `to`. Only the project owner.
    function withdraw(uint256 projectId, uint256 amount, address to) external onlyProjectOwner(projectId) {
        if (to == address(0)) revert ZeroAddress();
        _debit(projectId, amount);
        emit BudgetWithdrawn(projectId, to, amount);
        token.safeTransfer(to, amount);
    }

    /// @notice Moves `amount` of the budget of `projectId` to `recipient`. Only allocators (TaskContract).
    function allocate(uint256 projectId, uint256 amount, address recipient) external {
        if (!_allocators[msg.sender]) revert NotAllocator(msg.sender);
        if (recipient == address(0)) revert ZeroAddress();
        _requireProject(projectId);
        _debit(projectId, amount);
        emit BudgetAllocated(projectId, msg.sender, recipient, amount);
        token.safeTransfer(recipient, amount);
    }

    /// @notice Publishes the next round's global model, the aggregate of `taskId`, once per task. Task 0 (the genesis
    /// model) comes from any approved, staked aggregator and is final at once. Any other task must be settled and of
    /// this project, and only its designated aggregator (with an Aggregator stake) publishes it, posting
    /// ModelChallenges.AGGREGATOR_BOND (approve ModelChallenges) for the challenge window that opens.
    /// @param taskId The task whose aggregate this is; 0 for the project's genesis model.
    /// @param cid The model's content id (CIDv1 string).
    /// @param merkleRoot Merkle root of the model's shards (see contracts/README.md for the leaf encoding).
    /// @return round The round number given to this model (1 for the first).
    function publishModel(uint256 projectId, uint256 taskId, string calldata cid, bytes32 merkleRoot)
        external
        returns (uint256 round)
    {
        _requireProject(projectId);
        if (!_aggregators[projectId][msg.sender] || !staking.isActive(msg.sender, Role.Aggregator)) {
            revert NotProjectAggregator(projectId, msg.sender);
        }
        if (taskId != 0) {
            address designated = designatedAggregator(projectId, taskId);
            if (msg.sender != designated) revert NotDesignatedAggregator(projectId, taskId, msg.sender, designated);
            if (address(challenges) == address(0)) revert ChallengesWiring(address(0));
        }
        if (bytes(cid).length == 0 || merkleRoot == bytes32(0)) revert EmptyModel();
        uint256 published = _roundOfTask[projectId][taskId];
        if (published != 0) revert ModelAlreadyPublished(projectId, taskId, published, _models[projectId][published].cid);
        ProjectInfo storage p = _projects[projectId];
        round = ++p.latestRound;
        _roundOfTask[projectId][taskId] = round;
        bool isGenesis = taskId == 0;
        _models[projectId][round] = ModelVersion(cid, merkleRoot, round, taskId, msg.sender, uint64(block.timestamp), isGenesis);
        emit ModelPublished(projectId, round, taskId, cid, merkleRoot, msg.sender);
        if (isGenesis) {
            _markFinal(projectId, round);
        } else {
            challenges.open(projectId, round, taskId, msg.sender);
        }
    }

    /// @notice Replaces the model of `round` with an upheld challenger's. Only ModelChallenges.
    function replaceModel(uint256 projectId, uint256 round, string calldata cid, bytes32 merkleRoot) external {
        if (msg.sender != address(challenges)) revert NotChallenges(msg.sender);
        ModelVersion storage m = _models[projectId][round];
        if (m.round == 0) revert UnknownRound(projectId, round);
        string memory oldCid = m.cid;
        m.cid = cid;
        m.merkleRoot = merkleRoot;
        emit ModelReplaced(projectId, round, oldCid, cid, merkleRoot);
    }

    /// @notice Marks the model of `round` final (its challenge window settled). Only ModelChallenges.
    function markFinal(uint256 projectId, uint256 round) external {
        if (msg.sender != address(challenges)) revert NotChallenges(msg.sender);
        if (_models[projectId][round].round == 0) revert UnknownRound(projectId, round);
        _markFinal(projectId, round);
    }

    /// @notice Wires the challenge contract, once. Only the admin.
    function setChallenges(IModelChallenges challenges_) external onlyOwner {
        if (address(challenges) != address(0)) revert ChallengesWiring(address(challenges));
        if (address(challenges_) == address(0)) revert ZeroAddress();
        challenges = challenges_;
        emit ChallengesSet(address(challenges_));
    }

    /// @notice Grants or revokes `allocator`'s right to spend project budgets. Only the admin.
    function setAllocator(address allocator, bool allowed) external onlyOwner {
        if (allocator == address(0)) revert ZeroAddress();
        _allocators[allocator] = allowed;
        emit AllocatorSet(allocator, allowed);
    }

    /// @notice Sets the erasure code the project's models are stored with: k data + m parity shards, any k rebuild
    /// the model. Only the project owner.
    function setStorageCode(uint256 projectId, uint16 dataShards, uint16 parityShards) external onlyProjectOwner(projectId) {
        if (dataShards == 0 || uint256(dataShards) + parityShards > 256) revert InvalidStorageCode(dataShards, parityShards);
        _storageCodes[projectId] = (uint32(dataShards) << 16) | parityShards;
        emit StorageCodeSet(projectId, dataShards, parityShards);
    }

    /// @notice The erasure code of the project's models: (k, m), DEFAULT_DATA_SHARDS + DEFAULT_PARITY_SHARDS unless set.
    function storageCodeOf(uint256 projectId) external view returns (uint16 dataShards, uint16 parityShards) {
        _requireProject(projectId);
        uint32 code = _storageCodes[projectId];
        if (code == 0) return (DEFAULT_DATA_SHARDS, DEFAULT_PARITY_SHARDS);
        return (uint16(code >> 16), uint16(code));
    }

    /// @notice The project's aggregation spec, fixed at creation (empty: FedAvg).
    function aggregationOf(uint256 projectId) external view returns (string memory) {
        _requireProject(projectId);
        return _aggregations[projectId];
    }

    /// @notice The project's owner, metadata CID, unallocated budget and latest published round.
    function getProject(uint256 projectId) external view returns (ProjectInfo memory) {
        _requireProject(projectId);
        return _projects[projectId];
    }

    /// @notice Unallocated budget of `projectId`.
    function budgetOf(uint256 projectId) external view returns (uint256) {
        return _projects[projectId].budget;
    }

    /// @notice The model published for `round` of `projectId`.
    function modelAt(uint256 projectId, uint256 round) public view returns (ModelVersion memory) {
        ModelVersion storage m = _models[projectId][round];
        if (m.round == 0) revert UnknownRound(projectId, round);
        return m;
    }

    /// @notice The model published for `taskId` of `projectId` (0: genesis): its CID and shard Merkle root, or
    /// ("", 0) while none is.
    function modelOfTask(uint256 projectId, uint256 taskId) external view returns (string memory cid, bytes32 merkleRoot) {
        uint256 round = _roundOfTask[projectId][taskId];
        if (round == 0) return ("", bytes32(0));
        ModelVersion storage m = _models[projectId][round];
        return (m.cid, m.merkleRoot);
    }

    /// @notice The latest published model of `projectId`, final or still in its challenge window (see `finalized`).
    function latestModel(uint256 projectId) external view returns (ModelVersion memory) {
        return modelAt(projectId, _projects[projectId].latestRound);
    }

    /// @notice The latest model of `projectId` whose challenge window settled (the genesis model is final at once).
    function latestFinalModel(uint256 projectId) external view returns (ModelVersion memory) {
        return modelAt(projectId, _finalRound[projectId]);
    }

    /// @notice The round whose model is the aggregate of `taskId` (0 while none is published).
    function roundOfTask(uint256 projectId, uint256 taskId) external view returns (uint256) {
        return _roundOfTask[projectId][taskId];
    }

    /// @notice The CID of the model of `round` ("" when none).
    function modelCidAt(uint256 projectId, uint256 round) external view returns (string memory) {
        return _models[projectId][round].cid;
    }

    /// @notice The aggregator that publishes the model of `taskId`: the approved aggregators take tasks in turn (task id
    /// modulo their count, in approval order); address(0) while none is approved.
    function designatedAggregator(uint256 projectId, uint256 taskId) public view returns (address) {
        address[] storage list = _aggregatorList[projectId];
        if (list.length == 0) return address(0);
        return list[taskId % list.length];
    }

    /// @notice Whether `account` may propose tasks paid by `projectId` (the owner always may).
    function isProposer(uint256 projectId, address account) external view returns (bool) {
        return _projects[projectId].owner == account || _proposers[projectId][account];
    }

    /// @notice Whether `account` is an approved aggregator of `projectId`.
    function isAggregator(uint256 projectId, address account) external view returns (bool) {
        return _aggregators[projectId][account];
    }

    /// @notice Whether `allocator` may spend project budgets.
    function isAllocator(address allocator) external view returns (bool) {
        return _allocators[allocator];
    }

    function _requireProject(uint256 projectId) private view {
        if (_projects[projectId].owner == address(0)) revert UnknownProject(projectId);
    }

    function _markFinal(uint256 projectId, uint256 round) private {
        ModelVersion storage m = _models[projectId][round];
        m.finalized = true;
        if (round > _finalRound[projectId]) _finalRound[projectId] = round;
        emit ModelFinalized(projectId, round, m.cid);
    }

    function _debit(uint256 projectId, uint256 amount) private {
        if (amount == 0) revert ZeroAmount();
        ProjectInfo storage p = _projects[projectId];
        if (p.budget < amount) revert InsufficientBudget(projectId, p.budget, amount);
        p.budget -= amount;
    }
}
