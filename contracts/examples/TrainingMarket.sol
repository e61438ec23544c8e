// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IInference, INFERENCE, INFERENCE_ADDRESS} from "../IInference.sol";
import {IJobs, JOBS} from "../IJobs.sol";
import {NO_ID} from "../IModels.sol";

/// @title Example dapp: pay for a model to be trained, then serve attested classifications with it
/// @notice The owner funds the contract and posts a training job through IJobs: the jobs pallet reserves the reward
///         and the network fee on this contract's account (its EVM balance). Once the job is Completed the
///         trained model belongs to this contract; `claimModel` records its id, and `classify` runs it through
///         IInference and verifies the attestation (EIP-712, as IInference.sol and Classifier.sol) with ecrecover.
contract TrainingMarket {
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant RESULT_TYPEHASH =
        keccak256("InferenceResult(bytes32 modelHash,bytes32 inputHash,bytes32 outputHash,uint64 blockNumber)");
    uint8 private constant COMPLETED = 6;

    address public immutable owner;
    /// @notice The only provider key accepted; zero accepts any key that signed correctly.
    address public immutable trustedProvider;
    /// @notice The posted job, NO_ID before `postJob`.
    uint64 public jobId = NO_ID;
    /// @notice The trained model, NO_ID before `claimModel`.
    uint64 public modelId = NO_ID;

    event JobPosted(uint64 indexed jobId, uint256 reward);
    event ModelClaimed(uint64 indexed jobId, uint64 indexed modelId, bytes32 modelHash);
    event Classified(uint64 indexed modelId, address indexed caller, uint256 label, bytes32 outputHash);

    error NotOwner();
    error AlreadyPosted(uint64 jobId);
    error NotCompleted(uint64 jobId, uint8 status);
    error NoModel();
    error HashMismatch();
    error BadAttestation(address recovered, address provider);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    constructor(address provider) payable {
        owner = msg.sender;
        trustedProvider = provider;
    }

    receive() external payable {}

    /// @notice Posts the job; `reward` + 1% fee are escrowed from this contract's balance (msg.value tops it up).
    ///         If the pallet refuses, the whole call reverts with IJobs.DispatchFailed and nothing is escrowed.
    function postJob(IJobs.TrainingSpec calldata spec, uint256 reward) external payable onlyOwner returns (uint64 id) {
        if (jobId != NO_ID) revert AlreadyPosted(jobId);
        id = JOBS.postTrainingJob(spec, reward);
        jobId = id;
        emit JobPosted(id, reward);
    }

    /// @notice Cancels a job that has not started (the escrow returns to this contract) and pays the balance out.
    function cancel() external onlyOwner {
        JOBS.cancelJob(jobId);
        jobId = NO_ID;
        payable(owner).transfer(address(this).balance);
    }

    /// @notice Records the trained model of the Completed job.
    function claimModel() external returns (uint64 id) {
        (uint8 status,,,) = JOBS.jobStatus(jobId);
        if (status != COMPLETED) revert NotCompleted(jobId, status);
        bytes32 modelHash;
        (modelHash,,, id) = JOBS.jobResult(jobId);
        if (id == NO_ID) revert NoModel();
        modelId = id;
        emit ModelClaimed(jobId, id, modelHash);
    }

    /// @notice Classifies `inputs` with the trained model; reverts unless the attestation checks out.
    function classify(IInference.Tensor[] calldata inputs)
        public view returns (uint256 label, IInference.Attestation memory att)
    {
        if (modelId == NO_ID) revert NoModel();
        IInference.Tensor[] memory outputs;
        (outputs, att) = INFERENCE.infer(bytes32(uint256(modelId)), inputs);
        if (att.inputHash != keccak256(abi.encode(inputs)) || att.outputHash != keccak256(abi.encode(outputs))) {
            revert HashMismatch();
        }
        address signer = recover(digest(att), att.signature);
        if (signer == address(0) || signer != att.provider || (trustedProvider != address(0) && signer != trustedProvider)) {
            revert BadAttestation(signer, att.provider);
        }
        label = argmaxF32(outputs[0].data);
    }

    /// @notice `classify` in a transaction: emits `Classified`.
    function classifyAndRecord(IInference.Tensor[] calldata inputs) external returns (uint256 label) {
        IInference.Attestation memory att;
        (label, att) = classify(inputs);
        emit Classified(modelId, msg.sender, label, att.outputHash);
    }

    /// @notice The EIP-712 digest the provider signed.
    function digest(IInference.Attestation memory att) public view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Inference"), keccak256("1"), block.chainid, INFERENCE_ADDRESS)
        );
        bytes32 result = keccak256(abi.encode(RESULT_TYPEHASH, att.modelHash, att.inputHash, att.outputHash, att.blockNumber));
        return keccak256(abi.encodePacked("\x19\x01", domain, result));
    }

    /// @notice Index of the largest little-endian float32 in `data`.
    function argmaxF32(bytes memory data) public pure returns (uint256 best) {
        uint256 bestKey;
        for (uint256 i = 0; i + 4 <= data.length; i += 4) {
            uint32 bits = uint32(uint8(data[i])) | (uint32(uint8(data[i + 1])) << 8) | (uint32(uint8(data[i + 2])) << 16)
                | (uint32(uint8(data[i + 3])) << 24);
            // IEEE-754 bits → an unsigned key with the same order.
            uint256 key = bits & 0x80000000 != 0 ? uint256(~bits) : uint256(bits | 0x80000000);
            if (i == 0 || key > bestKey) (best, bestKey) = (i / 4, key);
        }
    }

    function recover(bytes32 hash, bytes memory sig) private pure returns (address) {
        if (sig.length != 65) return address(0);
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
        return ecrecover(hash, v, r, s);
    }
}
