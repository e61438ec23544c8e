// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IInference, INFERENCE} from "../IInference.sol";
import {InferenceAttestation} from "./InferenceAttestation.sol";

/// @title Example dapp: classify through the inference precompile and check the attestation on chain
/// @notice `classify` runs a float32 classifier (first output = logits or probabilities, [1, classes]) and returns
///         the argmax; it recomputes the input and output hashes and verifies the EIP-712 signature with ecrecover.
contract Classifier {

    /// @notice The only provider key accepted; zero accepts any key that signed correctly.
    address public immutable trustedProvider;
    /// @notice The last label `classifyAndRecord` stored.
    uint256 public lastLabel;

    event Classified(bytes32 indexed modelId, address indexed caller, uint256 label, bytes32 outputHash);

    error HashMismatch();
    error BadAttestation(address recovered, address provider);

    constructor(address provider) {
        trustedProvider = provider;
    }

    /// @notice Classifies `inputs` with model `modelId`; reverts unless the attestation checks out.
    function classify(bytes32 modelId, IInference.Tensor[] calldata inputs)
        public view returns (uint256 label, IInference.Tensor[] memory outputs, IInference.Attestation memory att)
    {
        (outputs, att) = INFERENCE.infer(modelId, inputs);
        if (att.inputHash != keccak256(abi.encode(inputs)) || att.outputHash != keccak256(abi.encode(outputs))) {
            revert HashMismatch();
        }
        checkAttestation(att);
        label = argmaxF32(outputs[0].data);
    }

    /// @notice `classify` in a transaction: stores the label and emits `Classified`.
    function classifyAndRecord(bytes32 modelId, IInference.Tensor[] calldata inputs) external returns (uint256 label) {
        IInference.Attestation memory att;
        (label, , att) = classify(modelId, inputs);
        lastLabel = label;
        emit Classified(modelId, msg.sender, label, att.outputHash);
    }

    /// @notice Fixed-point variant: `x[i] / 10**decimals` as a [1, x.length] float input; returns the argmax of the
    ///         first output and the output itself (scaled by 10**decimals).
    function classifyFixed(bytes32 modelId, int256[] calldata x, uint8 decimals)
        external view returns (uint256 label, int256[] memory y)
    {
        uint32[] memory shape = new uint32[](2);
        shape[0] = 1;
        shape[1] = uint32(x.length);
        IInference.Attestation memory att;
        (y, att) = INFERENCE.inferFixed(modelId, x, shape, decimals);
        if (att.inputHash != keccak256(abi.encode(x, shape, decimals)) || att.outputHash != keccak256(abi.encode(y))) {
            revert HashMismatch();
        }
        checkAttestation(att);
        for (uint256 i = 1; i < y.length; i++) if (y[i] > y[label]) label = i;
    }

    /// @notice The EIP-712 digest the provider signed.
    function digest(IInference.Attestation memory att) public view returns (bytes32) {
        return InferenceAttestation.digest(att);
    }

    /// @notice Reverts with `BadAttestation` unless the signature recovers to `att.provider` (and a trusted one).
    function checkAttestation(IInference.Attestation memory att) public view {
        address signer = InferenceAttestation.signer(att);
        if (signer == address(0) || signer != att.provider || (trustedProvider != address(0) && signer != trustedProvider)) {
            revert BadAttestation(signer, att.provider);
        }
    }

    /// @notice Index of the largest little-endian float32 in `data` (NaNs order above +inf).
    function argmaxF32(bytes memory data) public pure returns (uint256 best) {
        return InferenceAttestation.argmaxF32(data);
    }

}
