// One function per equation of the paper, each over a block of columns (Eigen::Ref), so the
// step-by-step Stepper (whole batch, block by block) and the fused trainer (all equations per
// cache-sized block) share a single implementation. Sections: forward, loss, backward, update.
#pragma once

#include "core/batch.hpp"
#include "core/network_config.hpp"

#include <Eigen/Core>

namespace stepwise::core {

/// \brief Read-only view of a block of a float matrix.
using ConstMatrixRef = Eigen::Ref<const Eigen::MatrixXf>;
/// \brief Writable view of a block of a float matrix.
using MatrixRef = Eigen::Ref<Eigen::MatrixXf>;
/// \brief Read-only view of a float column vector.
using ConstVectorRef = Eigen::Ref<const Eigen::VectorXf>;
/// \brief Writable view of a float column vector.
using VectorRef = Eigen::Ref<Eigen::VectorXf>;
/// \brief Read-only view of integer labels.
using ConstLabelsRef = Eigen::Ref<const Eigen::VectorXi>;

// ---------------------------------------------------------------- forward

/// \brief Linear step of layer l (equation ids `forward.z1`, `forward.z2`, …).
/// \f[ Z^l = W^l A^{l-1} + b^l \f]
/// Shapes: W n_l × n_{l−1}, b n_l × 1 (broadcast over the columns), Aprev n_{l−1} × k, Z n_l × k.
/// \see The lesson steps that run it: \ref equation_forward_z1 "forward.z1",
///      \ref equation_forward_z2 "forward.z2".
void linearForward(const ConstMatrixRef& W, const ConstVectorRef& b, const ConstMatrixRef& Aprev, MatrixRef Z);

/// \brief The first linear step, read straight from the pixel bytes (id `forward.z1`).
/// \f[ Z^1 = W^1 A^0 + b^1, \qquad A^0 = X / 255 \f]
/// computed as (W¹/255) X + b¹, so the bytes are read once, as stored, by the SIMD kernel
/// (core/simd/pixel_products.hpp). It equals W¹(X/255) + b¹ within fp32 rounding.
/// Chunks of zero pixels are skipped; \p chunks, if given, marks X's others (NonzeroChunks::from).
/// Shapes: W n_1 × n_0, b n_1 × 1, X n_0 × k bytes, Z n_1 × k.
/// \see The lesson step that runs it: \ref equation_forward_z1 "forward.z1".
void linearForward(const ConstMatrixRef& W, const ConstVectorRef& b, const ConstPixelsRef& X, MatrixRef Z,
                   const simd::PixelChunks& chunks = {});

/// \brief Hidden activation (ids `forward.a1`, …). \f[ A^l = g(Z^l) \f]
/// Shapes: Z and A are n_l × k.
/// \see The lesson step that runs it: \ref equation_forward_a1 "forward.a1".
void activationForward(Activation g, const ConstMatrixRef& Z, MatrixRef A);

/// \brief Derivative of the activation at Z, the gate of the chain rule. \f[ g'(Z^l) \f]
/// For ReLU it is 1 where Z > 0 and 0 elsewhere (erratum 5). Shapes: n_l × k.
void activationDerivative(Activation g, const ConstMatrixRef& Z, MatrixRef gPrime);

/// \brief Output softmax (id `forward.a2` for the paper's network), column by column.
/// \f[ A^L_{ij} = \frac{e^{Z^L_{ij} - \max_k Z^L_{kj}}}{\sum_k e^{Z^L_{kj} - \max_k Z^L_{kj}}} \f]
/// \param Z           the output layer's pre-activations Z^L
/// \param A           receives the probabilities A^L; each column sums to 1
/// \param subtractMax false reproduces the script's unstable exp(Z)/Σexp(Z) (erratum 8).
/// Shapes: Z and A are n_L × k.
/// \see The lesson step that runs it: \ref equation_forward_a2 "forward.a2".
void softmax(const ConstMatrixRef& Z, MatrixRef A, bool subtractMax);

// ---------------------------------------------------------------- loss

/// \brief One-hot encoding of the labels (id `loss.y`): Y[labels[j], j] = 1, else 0 (erratum 3).
/// Shapes: labels k × 1, Y n_L × k. Labels outside 0…n_L−1 leave their column all zero.
/// \see The lesson step that runs it: \ref equation_loss_y "loss.y".
void oneHot(const ConstLabelsRef& labels, MatrixRef Y);

/// \brief Sum of the cross-entropy terms of a block (id `loss.ce` divides by m).
/// \f[ \sum_{ij} Y_{ij} \log A^L_{ij} \f]
/// log 0 is taken as log of the smallest normal float, so an overflowed softmax gives a large
/// finite loss instead of NaN. Returns a double to keep the m-term sum accurate.
/// \see The lesson step that runs it: \ref equation_loss_ce "loss.ce".
double crossEntropySum(const ConstMatrixRef& A, const ConstMatrixRef& Y);

// ---------------------------------------------------------------- backward

/// \brief Output error (id `backward.dz2`): derivative of the loss with respect to Z^L.
/// \f[ dZ^L = A^L - Y \f]  Shapes: n_L × k.
/// \see The lesson step that runs it: \ref equation_backward_dz2 "backward.dz2".
void outputDelta(const ConstMatrixRef& A, const ConstMatrixRef& Y, MatrixRef dZ);

/// \brief Adds a block's share of the weight gradient (ids `backward.dw2`, `backward.dw1`).
/// \f[ dW^l = \frac{1}{m} dZ^l A^{l-1\,T} \f]; this adds dZ Aprevᵀ into \p dWSum, the caller scales by 1/m.
/// Shapes: dZ n_l × k, Aprev n_{l−1} × k, dWSum n_l × n_{l−1}.
/// \see The lesson steps that run it: \ref equation_backward_dw2 "backward.dw2",
///      \ref equation_backward_dw1 "backward.dw1".
void accumulateWeightGradient(const ConstMatrixRef& dZ, const ConstMatrixRef& Aprev, MatrixRef dWSum);

/// \brief Adds a block's share of the first layer's weight gradient, read from the pixel bytes
/// (id `backward.dw1`): \f[ dW^1 = \frac{1}{m} dZ^1 A^{0\,T}, \qquad A^0 = X / 255 \f]
/// This adds (dZ Xᵀ)/255 into \p dWSum; the caller scales by 1/m. Within fp32 rounding of dZ (X/255)ᵀ.
/// Chunks of zero pixels are skipped; \p chunks, if given, marks X's others (NonzeroChunks::from).
/// Shapes: dZ n_1 × k, X n_0 × k bytes, dWSum n_1 × n_0.
/// \see The lesson step that runs it: \ref equation_backward_dw1 "backward.dw1".
void accumulateWeightGradient(const ConstMatrixRef& dZ, const ConstPixelsRef& X, MatrixRef dWSum,
                              const simd::PixelChunks& chunks = {});

/// \brief Adds a block's share of the bias gradient (ids `backward.db2`, `backward.db1`).
/// \f[ db^l = \frac{1}{m} \sum_j dZ^l_{:,j} \f]; this adds the row sums of dZ into \p dbSum.
/// Shapes: dZ n_l × k, dbSum n_l × 1.
/// \see The lesson steps that run it: \ref equation_backward_db2 "backward.db2",
///      \ref equation_backward_db1 "backward.db1".
void accumulateBiasGradient(const ConstMatrixRef& dZ, VectorRef dbSum);

/// \brief Hidden error by the chain rule (id `backward.dz1`, …).
/// \f[ dZ^l = W^{l+1\,T} dZ^{l+1} \odot g'(Z^l) \f]
/// Shapes: Wnext n_{l+1} × n_l, dZnext n_{l+1} × k, Z and dZ n_l × k.
/// \see The lesson step that runs it: \ref equation_backward_dz1 "backward.dz1".
void hiddenDelta(Activation g, const ConstMatrixRef& Wnext, const ConstMatrixRef& dZnext, const ConstMatrixRef& Z,
                 MatrixRef dZ);

// ---------------------------------------------------------------- update

/// \brief Gradient-descent step for one parameter (ids `update.w1`, `update.b1`, …).
/// \f[ W^l \leftarrow W^l - \alpha\, dW^l \f]  Shapes: P, dP and next alike.
/// \see The lesson steps that run it: \ref equation_update_w1 "update.w1",
///      \ref equation_update_b1 "update.b1", \ref equation_update_w2 "update.w2",
///      \ref equation_update_b2 "update.b2".
void gradientStep(const ConstMatrixRef& P, const ConstMatrixRef& dP, float alpha, MatrixRef next);

/// \brief Momentum's velocity for one parameter (ids `update.vw1`, `update.vb1`, … with
/// `--optimizer momentum`), as PyTorch's SGD with momentum defines it:
/// \f[ V \leftarrow \beta V + dW \f]
/// The parameter then moves by gradientStep() with V in place of dW: \f$ W \leftarrow W - \alpha V \f$.
/// With β = 0 the velocity is the gradient itself and momentum is plain gradient descent.
/// Shapes: V, dP and next alike (the parameter's shape).
void momentumVelocity(const ConstMatrixRef& V, const ConstMatrixRef& dP, float beta, MatrixRef next);

/// \brief Adam's first moment for one parameter (ids `update.mw1`, `update.mb1`, …), a running
/// mean of the gradients: \f[ M \leftarrow \beta_1 M + (1 - \beta_1)\, dW \f]
/// Shapes: M, dP and next alike.
void adamFirstMoment(const ConstMatrixRef& M, const ConstMatrixRef& dP, float beta1, MatrixRef next);

/// \brief Adam's second moment for one parameter (ids `update.vw1`, `update.vb1`, … with
/// `--optimizer adam`), a running mean of the squared gradients:
/// \f[ V \leftarrow \beta_2 V + (1 - \beta_2)\, dW \odot dW \f]
/// Shapes: V, dP and next alike.
void adamSecondMoment(const ConstMatrixRef& V, const ConstMatrixRef& dP, float beta2, MatrixRef next);

/// \brief Adam's bias correction of one moment, the first part of its step (ids `update.w1`,
/// `update.b1`, … with `--optimizer adam`; the stepper shows the results as mhatW1, vhatW1, …):
/// \f[ \hat M = \frac{M}{1 - \beta_1^t} \quad\text{and}\quad \hat V = \frac{V}{1 - \beta_2^t} \f]
/// for step t (1 on the first update). The correction 1 − βᵗ is formed in double precision, then
/// rounded to float once. Both moments start at zero, and this undoes the pull towards zero of
/// the first steps. Shapes: moment and next alike.
void adamBiasCorrection(const ConstMatrixRef& moment, float beta, long t, MatrixRef next);

/// \brief Adam's step for one parameter (ids `update.w1`, `update.b1`, … with `--optimizer adam`),
/// from the bias-corrected moments of adamBiasCorrection(), which the stepper calls first, in the same equation:
/// \f[ W \leftarrow W - \alpha \frac{\hat M}{\sqrt{\hat V} + \epsilon} \f]
/// With β₁ = β₂ = 0 and ε → 0 every entry moves by α in the direction −sign(dW) (sign descent).
/// Shapes: P, mHat, vHat and next alike.
void adamStep(const ConstMatrixRef& P, const ConstMatrixRef& mHat, const ConstMatrixRef& vHat, float alpha,
              float epsilon, MatrixRef next);

// ---------------------------------------------------------------- scoring

/// \brief Index of the largest entry of each column of A (the predicted digit). Shapes: A n × k → k × 1.
Eigen::VectorXi predictions(const ConstMatrixRef& A);

/// \brief Fraction of columns whose prediction equals the label, in 0…1.
double accuracy(const ConstMatrixRef& A, const ConstLabelsRef& labels);

} // namespace stepwise::core
