// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {INFERENCE_ADDRESS} from "../IInference.sol";

/// @title Test helper: reaches the inference precompile with every call kind and returns the raw outcome
contract InferenceProbe {
    function callRaw(bytes calldata data) external returns (bool ok, bytes memory ret) {
        (ok, ret) = INFERENCE_ADDRESS.call(data);
    }

    function staticRaw(bytes calldata data, uint256 gas) external view returns (bool ok, bytes memory ret) {
        (ok, ret) = INFERENCE_ADDRESS.staticcall{gas: gas}(data);
    }

    function delegateRaw(bytes calldata data) external returns (bool ok, bytes memory ret) {
        (ok, ret) = INFERENCE_ADDRESS.delegatecall(data);
    }

    function callcodeRaw(bytes calldata data) external returns (bool ok, bytes memory ret) {
        bytes memory input = data;
        address target = INFERENCE_ADDRESS;
        assembly {
            ok := callcode(gas(), target, 0, add(input, 32), mload(input), 0, 0)
            ret := mload(0x40)
            mstore(ret, returndatasize())
            returndatacopy(add(ret, 32), 0, returndatasize())
            mstore(0x40, add(add(ret, 32), and(add(returndatasize(), 31), not(31))))
        }
    }
}
