/** `web3_*`: client version and keccak-256. */
import { bytesToHex } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { data } from './params.ts';
import { call } from './shared.ts';

/** `TrainChain/v<version>/<platform>/node<version>`, geth's layout. */
export const web3_clientVersion = call(({ clientVersion }) => clientVersion);

/** `[data]` → keccak-256 of the bytes. */
export const web3_sha3 = call((_c, params) => bytesToHex(keccak_256(data(params[0], 'data'))));
