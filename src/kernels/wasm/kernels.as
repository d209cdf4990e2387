// AssemblyScript entry point of the kernels module (compiled by scripts/build-wasm.ts into
// src/kernels/wasm/kernels-wasm.generated.ts). The module imports its memory and allocates nothing itself:
// the JS side owns the memory layout and passes byte offsets, so one module instance per thread can share it.
export { gemmWorkBytes, packAll, packedABytes, sgemm, sgemmPackedA, zeroBytes } from './gemm';
export { columnSums, denseBackward, denseForward, reluBackward, reluForward } from './dense';
export { adamUpdate, adamUpdates, allFinite, copyBytes } from './update';
export { logitsCrossEntropy } from './cross-entropy';
export { mlpTrainPass, mlpTrainRows } from './mlp';
