// The paper's equations, each beside the Eigen line that computes it.
// Sections: forward, loss, backward, update, scoring.
#include "core/equations.hpp"

#include "core/simd/narrow_products.hpp"
#include "core/simd/pixel_products.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace stepwise::core {
namespace {
constexpr float kInverse255 = 1.0f / 255.0f; // A⁰ = X / 255

/// The entries of a block of whole columns as one flat array. Column-major storage keeps such a
/// block contiguous, so the element-wise equations below run over it in full SIMD vectors; taken
/// column by column, 10 rows would not fill one. Every caller passes whole columns (the Stepper's
/// blocks, whole matrices), which the check below holds them to.
template <class Ref>
auto entries(Ref& M) {
    if (M.outerStride() != M.rows() && M.cols() > 1)
        throw std::invalid_argument("core equations: expected a block of whole columns");
    using Array = std::conditional_t<std::is_const_v<std::remove_pointer_t<decltype(M.data())>>,
                                     const Eigen::ArrayXf, Eigen::ArrayXf>;
    return Eigen::Map<Array>(M.data(), M.size());
}
} // namespace

// ---------------------------------------------------------------- forward

void linearForward(const ConstMatrixRef& W, const ConstVectorRef& b, const ConstMatrixRef& Aprev, MatrixRef Z) {
    simd::multiplyNarrow(W.data(), static_cast<std::size_t>(W.outerStride()), static_cast<std::size_t>(W.rows()),
                         static_cast<std::size_t>(W.cols()), Aprev.data(), static_cast<std::size_t>(Aprev.outerStride()),
                         static_cast<std::size_t>(Aprev.cols()), b.data(), Z.data(),
                         static_cast<std::size_t>(Z.outerStride())); // Z = W A + b, b broadcast over the columns
}

void linearForward(const ConstMatrixRef& W, const ConstVectorRef& b, const ConstPixelsRef& X, MatrixRef Z,
                   const simd::PixelChunks& chunks) {
    // W A⁰ = (W/255) X: A⁰'s 1/255 moves onto the weights, which the kernel scales as it reads them.
    const auto n = static_cast<std::size_t>(W.rows()), p = static_cast<std::size_t>(W.cols());
    simd::multiplyPixels(W.data(), static_cast<std::size_t>(W.outerStride()), kInverse255, n, p, X.data(), static_cast<std::size_t>(X.outerStride()),
                         static_cast<std::size_t>(X.cols()), chunks, b.data(), Z.data(),
                         static_cast<std::size_t>(Z.outerStride())); // Z¹ = W¹A⁰ + b¹
}

void activationForward(Activation g, const ConstMatrixRef& Z, MatrixRef A) {
    const auto z = entries(Z);
    auto a = entries(A);
    switch (g) {
    case Activation::ReLU: a = z.max(0.0f); break;                   // A = max(0, Z)
    case Activation::Sigmoid: a = (1.0f + (-z).exp()).inverse(); break; // A = 1/(1+e^−Z)
    case Activation::Tanh: a = z.tanh(); break;                      // A = tanh Z
    case Activation::None: a = z; break;                             // A = Z
    }
}

void activationDerivative(Activation g, const ConstMatrixRef& Z, MatrixRef gPrime) {
    const auto z = entries(Z);
    auto d = entries(gPrime);
    switch (g) {
    case Activation::ReLU: d = (z > 0.0f).cast<float>(); break; // g′ = [Z > 0]
    case Activation::Sigmoid: {
        const Eigen::ArrayXf s = (1.0f + (-z).exp()).inverse();
        d = s * (1.0f - s); // g′ = σ(1 − σ)
        break;
    }
    case Activation::Tanh: d = 1.0f - z.tanh().square(); break; // g′ = 1 − tanh²
    case Activation::None: d.setConstant(1.0f); break;          // g′ = 1
    }
}

void softmax(const ConstMatrixRef& Z, MatrixRef A, bool subtractMax) {
    const Eigen::Index n = Z.rows(), k = Z.cols();
    const float* z = entries(Z).data();
    float* a = entries(A).data();
    for (Eigen::Index j = 0; j < k; ++j) { // one column at a time (n is small: scalar loops)
        float shift = subtractMax ? z[j * n] : 0.0f;
        if (subtractMax)
            for (Eigen::Index i = 1; i < n; ++i) shift = std::max(shift, z[j * n + i]); // max Z
        for (Eigen::Index i = 0; i < n; ++i) a[j * n + i] = z[j * n + i] - shift;
    }
    auto e = entries(A);
    e = e.exp(); // e^(Z − max Z), at most 1: no overflow (the script's e^Z may overflow)
    for (Eigen::Index j = 0; j < k; ++j) {
        float sum = 0.0f;
        for (Eigen::Index i = 0; i < n; ++i) sum += a[j * n + i];
        for (Eigen::Index i = 0; i < n; ++i) a[j * n + i] /= sum; // A = e^Z / Σ e^Z, column by column
    }
}

// ---------------------------------------------------------------- loss

void oneHot(const ConstLabelsRef& labels, MatrixRef Y) {
    entries(Y).setZero();
    for (Eigen::Index j = 0; j < labels.size(); ++j)
        if (labels(j) >= 0 && labels(j) < Y.rows()) Y(labels(j), j) = 1.0f;  // Y[label, j] = 1
}

double crossEntropySum(const ConstMatrixRef& A, const ConstMatrixRef& Y) {
    constexpr float tiny = std::numeric_limits<float>::min();
    const auto a = entries(A), y = entries(Y);
    // Only the entries where Y ≠ 0 count (one per column for one-hot labels). They are packed
    // first, without branches, so the logarithms then run in float SIMD over them alone (within
    // an ulp of the double log); the products and the sum are in double, which keeps an m-term
    // sum accurate. A NaN or 0 in A counts as the smallest float.
    Eigen::ArrayXf picked(a.size() + 1), weight(a.size() + 1);
    Eigen::Index count = 0;
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        picked[count] = a[i];
        weight[count] = y[i];
        count += y[i] != 0.0f ? 1 : 0;
    }
    auto p = picked.head(count);
    p = p.isNaN().select(tiny, p.max(tiny));
    const Eigen::ArrayXf logA = p.log();
    double sum = 0.0;
    for (Eigen::Index i = 0; i < count; ++i) sum += static_cast<double>(weight[i]) * static_cast<double>(logA[i]); // Σ Y log A
    return sum;
}

// ---------------------------------------------------------------- backward

void outputDelta(const ConstMatrixRef& A, const ConstMatrixRef& Y, MatrixRef dZ) {
    entries(dZ) = entries(A) - entries(Y); // dZ^L = A^L − Y
}

void accumulateWeightGradient(const ConstMatrixRef& dZ, const ConstMatrixRef& Aprev, MatrixRef dWSum) {
    simd::accumulateNarrowTransposed(dZ.data(), static_cast<std::size_t>(dZ.outerStride()),
                                     static_cast<std::size_t>(dZ.rows()), Aprev.data(),
                                     static_cast<std::size_t>(Aprev.outerStride()),
                                     static_cast<std::size_t>(Aprev.rows()), static_cast<std::size_t>(dZ.cols()),
                                     dWSum.data(), static_cast<std::size_t>(dWSum.outerStride())); // Σ dZ A^{l−1 T}
}

void accumulateWeightGradient(const ConstMatrixRef& dZ, const ConstPixelsRef& X, MatrixRef dWSum,
                              const simd::PixelChunks& chunks) {
    simd::accumulatePixelsTransposed(dZ.data(), static_cast<std::size_t>(dZ.outerStride()),
                                     static_cast<std::size_t>(dZ.rows()), X.data(),
                                     static_cast<std::size_t>(X.outerStride()), static_cast<std::size_t>(X.rows()),
                                     static_cast<std::size_t>(X.cols()), chunks, kInverse255, dWSum.data(),
                                     static_cast<std::size_t>(dWSum.outerStride())); // Σ dZ¹ A⁰ᵀ = (Σ dZ¹ Xᵀ) / 255
}

void accumulateBiasGradient(const ConstMatrixRef& dZ, VectorRef dbSum) {
    // Σ_j dZ[:, j] is dZ · 1 (a column of ones): the narrow kernel adds the columns in order in
    // registers (each product with 1 is exact, so these are the plain sums).
    thread_local std::vector<float> ones;
    if (ones.size() < static_cast<std::size_t>(dZ.cols())) ones.assign(static_cast<std::size_t>(dZ.cols()), 1.0f);
    simd::accumulateNarrowTransposed(dZ.data(), static_cast<std::size_t>(dZ.outerStride()),
                                     static_cast<std::size_t>(dZ.rows()), ones.data(), 1, 1,
                                     static_cast<std::size_t>(dZ.cols()), dbSum.data(),
                                     static_cast<std::size_t>(dbSum.size())); // Σ_j dZ[:, j], one value per neuron
}

void hiddenDelta(Activation g, const ConstMatrixRef& Wnext, const ConstMatrixRef& dZnext, const ConstMatrixRef& Z,
                 MatrixRef dZ) {
    const Eigen::MatrixXf WnextT = Wnext.transpose();
    simd::multiplyNarrow(WnextT.data(), static_cast<std::size_t>(WnextT.outerStride()),
                         static_cast<std::size_t>(WnextT.rows()), static_cast<std::size_t>(WnextT.cols()),
                         dZnext.data(), static_cast<std::size_t>(dZnext.outerStride()),
                         static_cast<std::size_t>(dZnext.cols()), nullptr, dZ.data(),
                         static_cast<std::size_t>(dZ.outerStride())); // W^{l+1 T} dZ^{l+1}
    auto d = entries(dZ);
    if (g == Activation::ReLU) {
        d = (entries(Z) > 0.0f).select(d, 0.0f); // ⊙ g′(Z^l): the ReLU gate
    } else if (g == Activation::None) {
        // ⊙ g′(Z^l) = ⊙ 1: nothing to do
    } else {
        Eigen::MatrixXf gPrime(Z.rows(), Z.cols());
        activationDerivative(g, Z, gPrime);
        d *= entries(gPrime); // ⊙ g′(Z^l)
    }
}

// ---------------------------------------------------------------- update

void gradientStep(const ConstMatrixRef& P, const ConstMatrixRef& dP, float alpha, MatrixRef next) {
    next = P - alpha * dP;  // P ← P − α dP
}

void momentumVelocity(const ConstMatrixRef& V, const ConstMatrixRef& dP, float beta, MatrixRef next) {
    next = beta * V + dP;  // V ← βV + dW
}

void adamFirstMoment(const ConstMatrixRef& M, const ConstMatrixRef& dP, float beta1, MatrixRef next) {
    next = beta1 * M + (1.0f - beta1) * dP;  // M ← β₁M + (1 − β₁) dW
}

void adamSecondMoment(const ConstMatrixRef& V, const ConstMatrixRef& dP, float beta2, MatrixRef next) {
    next = beta2 * V + (1.0f - beta2) * dP.cwiseProduct(dP);  // V ← β₂V + (1 − β₂) dW ⊙ dW
}

void adamBiasCorrection(const ConstMatrixRef& moment, float beta, long t, MatrixRef next) {
    const auto correction = static_cast<float>(1.0 - std::pow(static_cast<double>(beta), static_cast<double>(t))); // 1 − βᵗ
    next = moment.array() / correction;  // M̂ = M / (1 − β₁ᵗ), V̂ = V / (1 − β₂ᵗ)
}

void adamStep(const ConstMatrixRef& P, const ConstMatrixRef& mHat, const ConstMatrixRef& vHat, float alpha,
              float epsilon, MatrixRef next) {
    next = (P.array() - alpha * (mHat.array() / (vHat.array().sqrt() + epsilon))).matrix();  // W ← W − α M̂ / (√V̂ + ε)
}

// ---------------------------------------------------------------- scoring

Eigen::VectorXi predictions(const ConstMatrixRef& A) {
    Eigen::VectorXi out(A.cols());
    for (Eigen::Index j = 0; j < A.cols(); ++j) {
        Eigen::Index best = 0;
        A.col(j).maxCoeff(&best);
        out(j) = static_cast<int>(best);
    }
    return out;
}

double accuracy(const ConstMatrixRef& A, const ConstLabelsRef& labels) {
    if (A.cols() == 0) return 0.0;
    const Eigen::VectorXi p = predictions(A);
    return static_cast<double>((p.array() == labels.array()).count()) / static_cast<double>(A.cols());
}

} // namespace stepwise::core
