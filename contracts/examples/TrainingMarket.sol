// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IInference, INFERENCE} from "../IInference.sol";
import {InferenceAttestation} from "./InferenceAttestation.sol";
import {IJobs, JOBS} from "../IJobs.sol";
import {NO_ID} from "../IModels.sol";

/// @title Example dapp: pay for a model to be trained, then serve attested classifications with it
/// @notice The owner funds the contract and posts a training job through IJobs: the jobs pallet reserves the reward
///         and the network fee on this contract's account (its EVM balance). Once the job is Completed the
///         trained model belongs to this contract; `claimModel` records its id, and `classify` runs it through
///         IInference and verifies the attestation (EIP-712, as IInference.sol and Classifier.sol) with ecrecover.
contract TrainingMarket {
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
        address signer = InferenceAttestation.signer(att);
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
        return InferenceAttestation.digest(att);
    }

    /// @notice Index of the largest little-endian float32 in `data`.
    function argmaxF32(bytes memory data) public pure returns (uint256 best) {
        return InferenceAttestation.argmaxF32(data);
    }
}
