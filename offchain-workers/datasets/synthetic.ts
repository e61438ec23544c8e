/**
 * Generated, learnable classification data for tests and benchmarks: Gaussian blobs around per-class centres,
 * deterministic from a seed (centres uniform in [−1, 1), noise ≈ N(0, σ²) from the sum of four uniforms).
 */
import { SeededStream } from './prng.ts';
import type { TensorDataset } from './tds.ts';

/** Parameters of {@link gaussianBlobs}. */
export interface GaussianBlobsOptions {
  count: number;
  /** Shape of one example, e.g. `[20]` or `[1, 8, 8]`. */
  featureShape: number[];
  classes: number;
  seed: Uint8Array;
  /** Noise standard deviation (default 0.5). */
  sigma?: number;
}

/** A float32 dataset whose classes are separable blobs; labels cycle through the classes in random order. */
export function gaussianBlobs({ count, featureShape, classes, seed, sigma = 0.5 }: GaussianBlobsOptions): TensorDataset {
  const width = featureShape.reduce((a, b) => a * b, 1);
  const stream = new SeededStream(seed, 'synthetic/gaussian-blobs');
  const centres = Array.from({ length: classes }, () => Float32Array.from({ length: width }, () => stream.symmetricUniform()));
  // The sum of four U(−1,1) has variance 4/3; scaling by √(3/4)·σ gives standard deviation σ.
  const noise = Math.sqrt(3 / 4) * sigma;
  const features = new Float32Array(count * width);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = stream.below(classes);
    labels[i] = label;
    const centre = centres[label]!;
    for (let j = 0; j < width; j++) {
      const n = stream.symmetricUniform() + stream.symmetricUniform() + stream.symmetricUniform() + stream.symmetricUniform();
      features[i * width + j] = centre[j]! + noise * n;
    }
  }
  return { count, featureShape: [...featureShape], features, labels, classes };
}
