// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @dev The inference precompile. Write the literal in lower case: solc rejects `0x…0A11` as a bad checksum.
address constant INFERENCE_ADDRESS = 0x0000000000000000000000000000000000000a11;
IInference constant INFERENCE = IInference(INFERENCE_ADDRESS);

/// @title ONNX inference precompile
/// @notice Runs a model registered in the models pallet (`modelId` = its u64 id) on onnxruntime (CPU, one
///         thread, sequential, fixed optimisation level) and returns the outputs with a signed attestation.
///         All functions but `inferPaid` are `view`: they work in STATICCALL, `eth_call` and `eth_estimateGas`.
///         DELEGATECALL and CALLCODE revert. Gas is charged before the model runs:
///         3000 + 16·inputBytes + ceil(flops·batch / 250) + 200·ceil(modelKB), then 16·outputBytes.
/// @custom:address 0x0000000000000000000000000000000000000A11
interface IInference {
    /// @notice A tensor. `dtype` = ONNX TensorProto.DataType: 1 FLOAT, 2 UINT8, 3 INT8, 4 UINT16, 5 INT16,
    ///         6 INT32, 7 INT64, 9 BOOL, 10 FLOAT16, 11 DOUBLE, 12 UINT32, 13 UINT64.
    ///         `data` is little-endian, row-major (ONNX raw_data); data.length == prod(shape) * sizeof(dtype).
    struct Tensor {
        uint8 dtype;
        uint32[] shape;
        bytes data;
    }

    /// @notice What the executing node signs (EIP-712, domain {name:"Inference", version:"1", chainId,
    ///         verifyingContract: INFERENCE_ADDRESS}, type
    ///         InferenceResult(bytes32 modelHash,bytes32 inputHash,bytes32 outputHash,uint64 blockNumber)).
    struct Attestation {
        bytes32 modelHash;   // keccak256 of the model blob (the bytes its CID names: raw .onnx or model pack)
        bytes32 inputHash;   // infer: keccak256(abi.encode(inputs)); inferFixed: keccak256(abi.encode(input, shape, decimals))
        bytes32 outputHash;  // infer: keccak256(abi.encode(outputs)); inferFixed: keccak256(abi.encode(output))
        address provider;    // the signing key's address
        uint64 blockNumber;
        bytes signature;     // 65 bytes r ‖ s ‖ v (v = 27 or 28)
    }

    /// @notice A model's registry record, as the models pallet holds it.
    struct ModelInfo {
        bytes32 modelHash;   // the pallet's model_hash (for trained models: hash of the final weights)
        bytes32 owner;       // AccountId32; its first 20 bytes are the owner's EVM address
        uint64 flops;        // flops_per_inference, declared at registration
        uint8 license;       // 0 Open, 1 Commercial, 2 ResearchOnly, 3 Custom
        bool published;
        bool revoked;
        uint8 numInputs;
        uint8 numOutputs;
    }

    /// @notice `modelId` = bytes32(uint256(id)) of the models pallet's u64 id. Runs the model on `inputs` (graph inputs in order; for a trained-model pack, the inputs other
    ///         than the weights, i.e. `x`).
    /// @custom:selector e524f1e6
    function infer(bytes32 modelId, Tensor[] calldata inputs)
        external view returns (Tensor[] memory outputs, Attestation memory att);

    /// @notice `infer`, paying the model's per-call price: msg.value must be at least the price, and all of it goes
    ///         to the model's payee. Needs no access grant (the model must be published and not revoked).
    /// @custom:selector ebacce47
    function inferPaid(bytes32 modelId, Tensor[] calldata inputs)
        external payable returns (Tensor[] memory outputs, Attestation memory att);

    /// @notice Fixed-point variant: one FLOAT input `input[i] / 10**decimals` of `shape`; returns the first
    ///         output as round_half_away_from_zero(y * 10**decimals), saturating to int256.
    /// @custom:selector 61f5203c
    function inferFixed(bytes32 modelId, int256[] calldata input, uint32[] calldata shape, uint8 decimals)
        external view returns (int256[] memory output, Attestation memory att);

    /// @notice The gas `infer` charges before running for `inputBytes` of tensor data at batch 1, without the
    ///         output term (16 per output byte, charged after the run).
    /// @custom:selector 7b998555
    function quote(bytes32 modelId, uint256 inputBytes) external view returns (uint256 gas);

    /// @custom:selector 427a64f9
    function modelInfo(bytes32 modelId) external view returns (ModelInfo memory);

    /// @notice No model with this id, or its blob is not in the node's store.
    error ModelNotFound(bytes32 modelId);
    /// @notice The model is revoked, or the caller has no access to a non-Open or unpublished model.
    error AccessDenied(bytes32 modelId, address caller);
    /// @notice Input tensor `index` is malformed (dtype, rank, size, or data length ≠ prod(shape)·sizeof(dtype)).
    error BadTensor(uint256 index);
    /// @notice The calldata does not decode (unknown selector, bad offsets, dirty bits, too large).
    error BadCalldata();
    /// @notice Called with DELEGATECALL or CALLCODE, or with value (other than to `inferPaid`).
    error BadCallContext();
    /// @notice `inferPaid` on a model without a per-call price.
    error NotForSale(bytes32 modelId);
    /// @notice `inferPaid` with msg.value below the per-call price.
    error InsufficientPayment(bytes32 modelId, uint256 price);
    /// @notice onnxruntime rejected the model or the inputs.
    error ModelFailed(bytes32 modelId, string reason);
    /// @notice Replay: this node's output differs from the block author's recorded output (or none was recorded).
    error InferenceMismatch(bytes32 modelHash, bytes32 inputHash);
}
