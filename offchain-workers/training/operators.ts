/**
 * The operators a train-step graph may use: standard-domain ONNX operators whose onnxruntime CPU kernels are
 * deterministic at one thread and were checked (or are element-wise, or pure data movement). Everything else is
 * refused, with the reason where there is a known one.
 */

/** Operator types (default domain) a user's train-step graph may contain. */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  // element-wise arithmetic and math
  'Add', 'Sub', 'Mul', 'Div', 'Neg', 'Abs', 'Exp', 'Log', 'Sqrt', 'Pow', 'Reciprocal', 'Sign', 'Floor', 'Ceil',
  'Clip', 'Max', 'Min', 'Sum', 'Mean',
  // activations
  'Relu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Erf', 'Elu', 'Softplus',
  // comparisons and selection
  'Where', 'Greater', 'GreaterOrEqual', 'Less', 'LessOrEqual', 'Equal', 'Not', 'And', 'Or', 'Xor', 'IsNaN',
  // linear algebra and convolution
  'MatMul', 'Gemm', 'Conv', 'ConvTranspose',
  // reductions
  'ReduceSum', 'ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceSumSquare', 'ArgMax', 'ArgMin',
  // pooling and normalisation
  'MaxPool', 'AveragePool', 'GlobalAveragePool', 'LayerNormalization',
  // shapes and data movement
  'Reshape', 'Transpose', 'Slice', 'Concat', 'Split', 'Squeeze', 'Unsqueeze', 'Flatten', 'Expand', 'Tile', 'Pad',
  'Gather', 'GatherElements', 'ScatterElements', 'Identity', 'Cast', 'Shape', 'Size', 'Constant', 'ConstantOfShape',
  'Range', 'OneHot',
]);

const REASONS: Readonly<Record<string, string>> = {
  Softmax: 'its reduction order depends on the CPU vector width (AVX-512 and AVX2 hosts disagree); write it out as Exp/ReduceSum/Div',
  LogSoftmax: 'its reduction order depends on the CPU vector width (AVX-512 and AVX2 hosts disagree); write it out as Sub/Log/ReduceSum',
  Dropout: 'it draws random numbers inside the graph; randomness must come from the chain-given seed',
  RandomNormal: 'it draws random numbers inside the graph',
  RandomNormalLike: 'it draws random numbers inside the graph',
  RandomUniform: 'it draws random numbers inside the graph',
  RandomUniformLike: 'it draws random numbers inside the graph',
  Bernoulli: 'it draws random numbers inside the graph',
  Multinomial: 'it draws random numbers inside the graph',
  Loop: 'control flow with subgraphs cannot be bounded or checked',
  If: 'control flow with subgraphs cannot be bounded or checked',
  Scan: 'control flow with subgraphs cannot be bounded or checked',
};

/** Why `opType` in `domain` is refused, or `undefined` when it is allowed. */
export function operatorRejection(opType: string, domain: string): string | undefined {
  if (domain !== '' && domain !== 'ai.onnx') return `${domain}::${opType} (only the standard ONNX domain is allowed)`;
  if (ALLOWED_OPERATORS.has(opType)) return undefined;
  const reason = REASONS[opType];
  return reason === undefined ? `${opType} (not in the allowed operator set)` : `${opType} (${reason})`;
}
