/**
 * softmax-lab: softmax, cross-entropy and multiclass neural networks in TypeScript.
 *
 * @module
 */

export * from './core/errors.js';
export * from './core/matrix.js';
