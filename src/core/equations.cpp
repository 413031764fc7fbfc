// The paper's equations, each beside the Eigen line that computes it.
// Sections: forward, loss, backward, update, scoring.
#include "core/equations.hpp"

#include "core/simd/pixel_products.hpp"

#include <cmath>
#include <limits>

namespace stepwise::core {
namespace {
using RowMajorMatrixXf = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr float kInverse255 = 1.0f / 255.0f; // A⁰ = X / 255
} // namespace

// ---------------------------------------------------------------- forward

void linearForward(const ConstMatrixRef& W, const ConstVectorRef& b, const ConstMatrixRef& Aprev, MatrixRef Z) {
    Z.noalias() = W * Aprev;  // Z = W A
    Z.colwise() += b;         // Z = W A + b, b broadcast over the columns
}

void linearForward(const ConstMatrixRef& W, const ConstVectorRef& b, const ConstPixelsRef& X, MatrixRef Z) {
    const RowMajorMatrixXf Ws = W * kInverse255; // W A⁰ = (W/255) X: A⁰'s 1/255 moves onto the weights
    const auto n = static_cast<std::size_t>(W.rows()), p = static_cast<std::size_t>(W.cols());
    simd::multiplyPixels(Ws.data(), n, p, X.data(), static_cast<std::size_t>(X.outerStride()),
                         static_cast<std::size_t>(X.cols()), b.data(), Z.data(),
                         static_cast<std::size_t>(Z.outerStride())); // Z¹ = W¹A⁰ + b¹
}

void activationForward(Activation g, const ConstMatrixRef& Z, MatrixRef A) {
    switch (g) {
    case Activation::ReLU: A = Z.cwiseMax(0.0f); break;                                    // A = max(0, Z)
    case Activation::Sigmoid: A = (1.0f + (-Z.array()).exp()).inverse().matrix(); break;   // A = 1/(1+e^−Z)
    case Activation::Tanh: A = Z.array().tanh().matrix(); break;                           // A = tanh Z
    case Activation::None: A = Z; break;                                                   // A = Z
    }
}

void activationDerivative(Activation g, const ConstMatrixRef& Z, MatrixRef gPrime) {
    switch (g) {
    case Activation::ReLU: gPrime = (Z.array() > 0.0f).cast<float>().matrix(); break;      // g′ = [Z > 0]
    case Activation::Sigmoid: {
        const Eigen::ArrayXXf s = (1.0f + (-Z.array()).exp()).inverse();
        gPrime = (s * (1.0f - s)).matrix();                                                 // g′ = σ(1 − σ)
        break;
    }
    case Activation::Tanh: gPrime = (1.0f - Z.array().tanh().square()).matrix(); break;    // g′ = 1 − tanh²
    case Activation::None: gPrime.setConstant(1.0f); break;                                // g′ = 1
    }
}

void softmax(const ConstMatrixRef& Z, MatrixRef A, bool subtractMax) {
    if (subtractMax) {
        const Eigen::RowVectorXf colMax = Z.colwise().maxCoeff();
        A = (Z.rowwise() - colMax).array().exp().matrix();  // e^(Z − max Z), at most 1: no overflow
    } else {
        A = Z.array().exp().matrix();                      // e^Z, the script's version (may overflow)
    }
    const Eigen::RowVectorXf colSum = A.colwise().sum();
    A.array().rowwise() /= colSum.array();                  // A = e^Z / Σ e^Z, column by column
}

// ---------------------------------------------------------------- loss

void oneHot(const ConstLabelsRef& labels, MatrixRef Y) {
    Y.setZero();
    for (Eigen::Index j = 0; j < labels.size(); ++j)
        if (labels(j) >= 0 && labels(j) < Y.rows()) Y(labels(j), j) = 1.0f;  // Y[label, j] = 1
}

double crossEntropySum(const ConstMatrixRef& A, const ConstMatrixRef& Y) {
    constexpr float tiny = std::numeric_limits<float>::min();
    double sum = 0.0;
    for (Eigen::Index j = 0; j < A.cols(); ++j)
        for (Eigen::Index i = 0; i < A.rows(); ++i)
            if (Y(i, j) != 0.0f)
                sum += static_cast<double>(Y(i, j)) *
                       std::log(static_cast<double>(std::isnan(A(i, j)) ? tiny : std::max(A(i, j), tiny)));  // Σ Y log A
    return sum;
}

// ---------------------------------------------------------------- backward

void outputDelta(const ConstMatrixRef& A, const ConstMatrixRef& Y, MatrixRef dZ) {
    dZ = A - Y;  // dZ^L = A^L − Y
}

void accumulateWeightGradient(const ConstMatrixRef& dZ, const ConstMatrixRef& Aprev, MatrixRef dWSum) {
    dWSum.noalias() += dZ * Aprev.transpose();  // Σ dZ A^{l−1 T}
}

void accumulateWeightGradient(const ConstMatrixRef& dZ, const ConstPixelsRef& X, MatrixRef dWSum) {
    simd::accumulatePixelsTransposed(dZ.data(), static_cast<std::size_t>(dZ.outerStride()),
                                     static_cast<std::size_t>(dZ.rows()), X.data(),
                                     static_cast<std::size_t>(X.outerStride()), static_cast<std::size_t>(X.rows()),
                                     static_cast<std::size_t>(X.cols()), kInverse255, dWSum.data(),
                                     static_cast<std::size_t>(dWSum.outerStride())); // Σ dZ¹ A⁰ᵀ = (Σ dZ¹ Xᵀ) / 255
}

void accumulateBiasGradient(const ConstMatrixRef& dZ, VectorRef dbSum) {
    dbSum += dZ.rowwise().sum();  // Σ_j dZ[:, j], one value per neuron
}

void hiddenDelta(Activation g, const ConstMatrixRef& Wnext, const ConstMatrixRef& dZnext, const ConstMatrixRef& Z,
                 MatrixRef dZ) {
    dZ.noalias() = Wnext.transpose() * dZnext;  // W^{l+1 T} dZ^{l+1}
    if (g == Activation::ReLU) {
        dZ.array() = (Z.array() > 0.0f).select(dZ.array(), 0.0f);  // ⊙ g′(Z^l): the ReLU gate
    } else if (g == Activation::None) {
        // ⊙ g′(Z^l) = ⊙ 1: nothing to do
    } else {
        Eigen::MatrixXf gPrime(Z.rows(), Z.cols());
        activationDerivative(g, Z, gPrime);
        dZ.array() *= gPrime.array();  // ⊙ g′(Z^l)
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
