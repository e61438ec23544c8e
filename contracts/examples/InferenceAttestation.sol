// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IInference, INFERENCE_ADDRESS} from "../IInference.sol";

/// @title What a dapp needs to trust an inference result: the EIP-712 digest the provider signed, the signer it
///        recovers to, and the argmax of float32 logits.
library InferenceAttestation {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant RESULT_TYPEHASH =
        keccak256("InferenceResult(bytes32 modelHash,bytes32 inputHash,bytes32 outputHash,uint64 blockNumber)");

    /// @notice The EIP-712 digest of `att` (domain {name: "Inference", version: "1", chainId, the precompile}).
    function digest(IInference.Attestation memory att) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Inference"), keccak256("1"), block.chainid, INFERENCE_ADDRESS)
        );
        bytes32 result = keccak256(abi.encode(RESULT_TYPEHASH, att.modelHash, att.inputHash, att.outputHash, att.blockNumber));
        return keccak256(abi.encodePacked("\x19\x01", domain, result));
    }

    /// @notice The address that signed `att`, or zero when the signature is malformed.
    function signer(IInference.Attestation memory att) internal view returns (address) {
        bytes memory sig = att.signature;
        if (sig.length != 65) return address(0);
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
        return ecrecover(digest(att), v, r, s);
    }

    /// @notice Index of the largest little-endian float32 in `data` (NaNs order above +inf).
    function argmaxF32(bytes memory data) internal pure returns (uint256 best) {
        uint256 bestKey;
        for (uint256 i = 0; i + 4 <= data.length; i += 4) {
            uint32 bits = uint32(uint8(data[i])) | (uint32(uint8(data[i + 1])) << 8) | (uint32(uint8(data[i + 2])) << 16)
                | (uint32(uint8(data[i + 3])) << 24);
            // IEEE-754 bits → an unsigned key with the same order: flip all bits of negatives, the sign of positives.
            uint256 key = bits & 0x80000000 != 0 ? uint256(~bits) : uint256(bits | 0x80000000);
            if (i == 0 || key > bestKey) (best, bestKey) = (i / 4, key);
        }
    }
}
