// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @dev The jobs pallet precompile (the literal is in its EIP-55 checksummed form, as solc requires).
address constant JOBS_ADDRESS = 0x0000000000000000000000000000000000000A13;
IJobs constant JOBS = IJobs(JOBS_ADDRESS);

/// @title Jobs pallet precompile
/// @notice Training jobs for EVM accounts, through the jobs pallet's own calls with origin Signed(account of
///         msg.sender). The reward and the network fee (1% of it) are reserved on the caller's account, whose free
///         balance is its EVM balance (one ledger): the calls are not payable, the contract pays from its balance.
///         Writes are transactional with the EVM (a reverting frame undoes the escrow and the pallet's events).
///         Gas, DELEGATECALL, static-context and value rules as in IModels.sol.
/// @custom:address 0x0000000000000000000000000000000000000A13
interface IJobs {
    /// @notice What `postTrainingJob` takes: the pallet's `TrainingSpec`.
    struct TrainingSpec {
        bytes trainStepModel;    // binary CIDv1 of the ONNX train-step graph
        uint64 datasetId;        // a registered dataset
        uint64 baseModel;        // a registered model, or NO_ID (IModels.sol) to train from scratch
        bytes32 hyperparamsHash;
        bytes hyperparamsCid;    // empty: not published
        uint32 totalSteps;
        uint32 segmentLength;    // steps between committed state hashes
        uint32 tolerancePpm;     // 0: CpuExact (bit-identical re-execution); else GpuTolerance(tolerancePpm)
        uint8 workers;
        uint256 minWorkerStake;  // u128
        uint32 deadline;         // block number
        string region;           // empty: no preference
        uint8 accelerator;       // 0 Cpu, 1 NvidiaGpu, 2 AmdGpu, 3 Tpu, 4 Other, 255 no preference
    }

    /// @notice Posts a training job owned by the caller's account, reserving `reward` + fee on it; returns its id.
    /// @custom:selector 4710b426
    function postTrainingJob(TrainingSpec calldata spec, uint256 reward) external returns (uint64 jobId);

    /// @notice Cancels a job the caller owns that has not started; the whole escrow is unreserved.
    /// @custom:selector be961d88
    function cancelJob(uint64 jobId) external;

    /// @notice `status`: 0 Open, 1 Assigned, 2 Training, 3 Submitted, 4 Verifying, 5 Evaluating, 6 Completed,
    ///         7 Failed, 8 Cancelled, 9 Expired. `escrowRemaining` is still reserved on the owner.
    /// @custom:selector 2e8323c6
    function jobStatus(uint64 jobId)
        external view returns (uint8 status, bytes32 owner, uint256 reward, uint256 escrowRemaining);

    /// @notice The submitted training result; `modelId` is the trained model's id once the job is Completed, NO_ID
    ///         before. Reverts `NoResult` until a result is submitted.
    /// @custom:selector af65a0a4
    function jobResult(uint64 jobId)
        external view returns (bytes32 modelHash, bytes memory modelCid, bytes32 checkpointRoot, uint64 modelId);

    /// @notice The pallet call failed; `reason` is its error: "Jobs.RewardTooLow", "Jobs.InsufficientBalance", ….
    error DispatchFailed(string reason);
    /// @notice No job has this id.
    error JobNotFound(uint64 jobId);
    /// @notice The job has no submitted training result (yet, or it is an inference job).
    error NoResult(uint64 jobId);
    /// @notice The calldata does not decode.
    error BadCalldata();
}
