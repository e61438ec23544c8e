// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @dev The models pallet precompile (the literal is in its EIP-55 checksummed form, as solc requires).
address constant MODELS_ADDRESS = 0x0000000000000000000000000000000000000A12;
IModels constant MODELS = IModels(MODELS_ADDRESS);
/// @dev "None" for an optional id (base model, training dataset, training job).
uint64 constant NO_ID = type(uint64).max;

/// @title Models pallet precompile
/// @notice The models pallet (registration, publishing, paid access) for EVM accounts. Writes dispatch the
///         pallet's own calls with origin Signed(account of msg.sender): the account an address maps to
///         (h160 ‖ 0xEE×12 unless an sr25519 account mapped it), whose free balance is the address's balance.
///         They are transactional with the EVM: a reverting frame undoes the pallet's writes and events.
///         Gas: a write charges its pallet call's weight / 25,000 before it runs (out of gas when the limit is
///         lower) and refunds down to the actual weight; a view charges 1,000 per storage item read.
///         Frontier's rules: DELEGATECALL/CALLCODE revert "Cannot be called with DELEGATECALL or CALLCODE", a write
///         in a static context reverts "Can't call non-static function in static context", value sent to any
///         function reverts "Function is not payable".
/// @custom:address 0x0000000000000000000000000000000000000A12
interface IModels {
    /// @notice One model input or output. `dtype`: 0 Float32, 1 Float16, 2 Int64, 3 Int32, 4 Uint8, 5 Bool;
    ///         a dim of 0 is dynamic (batch, sequence length).
    struct TensorShape {
        uint32[] dims;
        uint8 dtype;
    }

    /// @notice What `registerModel` takes: the pallet's `register_model` arguments.
    struct ModelSpec {
        bytes cid;               // binary CIDv1 of the ONNX artifact
        bytes32 modelHash;       // hash of the weights, unique chain-wide
        string name;
        string architecture;
        string framework;
        uint8 modelType;         // 0 Language, 1 Vision, 2 Audio, 3 Multimodal, 4 Custom
        TensorShape[] inputs;
        TensorShape[] outputs;
        uint64 parameterCount;
        uint64 flopsPerInference;
        uint8 license;           // 0 Open, 1 Commercial, 2 ResearchOnly, 3 Custom
        bytes licenseTerms;      // the Custom licence's text or URI/CID (ignored for the others)
        uint64 baseModel;        // NO_ID: a root model
        uint64 trainingDataset;  // NO_ID: none
    }

    /// @notice A model's record, as the pallet holds it.
    struct ModelInfo {
        bytes32 owner;           // AccountId32; its first 20 bytes are the owner's EVM address
        bytes32 modelHash;       // the current version's weights hash
        bytes cid;               // the current version's artifact
        string name;
        uint8 modelType;
        uint8 license;
        uint64 parameterCount;
        uint64 flopsPerInference;
        uint64 baseModel;        // NO_ID for a root model
        uint64 trainingDataset;  // NO_ID when none
        uint64 trainingJob;      // the jobs pallet's job that trained it, NO_ID when none
        uint32 versionCount;
        uint64 usageCount;
        uint32 createdAt;        // block number
        bool published;
        bool revoked;
    }

    /// @custom:selector 2961c813
    function modelInfo(uint64 id) external view returns (ModelInfo memory);

    /// @notice The model's ancestors, nearest first, the root last; [] for a root model.
    /// @custom:selector 80064417
    function lineage(uint64 id) external view returns (uint64[] memory);

    /// @notice Whether `who`'s mapped account may use the model now: owner, live grant, or published Open model.
    /// @custom:selector 6bf8e80f
    function hasAccess(uint64 id, address who) external view returns (bool);

    /// @notice Registers a model owned by the caller's account, unpublished, version 1; returns its id.
    /// @custom:selector c00c7ac9
    function registerModel(ModelSpec calldata spec) external returns (uint64 id);

    /// @notice Publishes a model the caller owns.
    /// @custom:selector 1f99985c
    function publish(uint64 id) external;

    /// @notice Buys access on tier `tier`: the price is taken from the caller's account (its EVM balance), so this is
    ///         not payable; keep the price (and the existential deposit) in the calling contract's balance.
    /// @custom:selector 91aedaa7
    function purchaseAccess(uint64 id, uint32 tier) external;

    /// @notice The pallet call failed; `reason` is its error: "Models.NotOwner", "Token.FundsUnavailable", ….
    error DispatchFailed(string reason);
    /// @notice No model has this id (views).
    error ModelNotFound(uint64 id);
    /// @notice The calldata does not decode (bad offsets, dirty bits, enum out of range).
    error BadCalldata();
}
