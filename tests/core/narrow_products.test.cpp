// The narrow-layer kernels (core/simd/narrow_products) behind Zˡ = WˡAˡ⁻¹ + bˡ for l ≥ 2, the
// W^{l+1 T}dZ^{l+1} of dZˡ, and Σ dZˡAˡ⁻¹ᵀ, against the plain Eigen expressions, within fp32
// rounding, on every compiled instruction set; and the element-wise equations that now run over
// a block's entries as one array, against their definitions.
#include "core/equations.hpp"
#include "core/simd/pixel_products.hpp"

#include "kernel_check.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>

using namespace stepwise::core;
using kernelcheck::checkClose;
using kernelcheck::randomMatrix;

namespace {

void checkNarrowKernels() {
    INFO("instruction set: " << simd::instructionSet());
    for (const Eigen::Index n : {1, 10, 17, 33, 128})
        for (const Eigen::Index p : {1, 10, 13, 128})
            for (const Eigen::Index k : {1, 3, 9, 513}) {
                INFO("n = " << n << ", p = " << p << ", k = " << k);
                const Eigen::MatrixXf W = randomMatrix(n, p, 1), A = randomMatrix(p, k, 2), dZ = randomMatrix(n, k, 3);
                const Eigen::VectorXf b = randomMatrix(n, 1, 4);

                // Z = W A + b, written into columns 2 … k+1 of a wider matrix: nothing else changes.
                Eigen::MatrixXf wide = Eigen::MatrixXf::Constant(n, k + 4, 7.0f);
                linearForward(W, b, A, wide.middleCols(2, k));
                checkClose(wide.middleCols(2, k), (W * A).colwise() + b, (W.cwiseAbs() * A.cwiseAbs()).colwise() + b.cwiseAbs());
                CHECK((wide.leftCols(2).array() == 7.0f).all());
                CHECK((wide.rightCols(2).array() == 7.0f).all());

                // Wᵀ dZ (the ungated part of dZˡ: identity activation), W here p × n.
                const Eigen::MatrixXf Wnext = randomMatrix(p, n, 5), dZnext = randomMatrix(p, k, 6);
                Eigen::MatrixXf delta(n, k);
                hiddenDelta(Activation::None, Wnext, dZnext, Eigen::MatrixXf::Zero(n, k), delta);
                checkClose(delta, Wnext.transpose() * dZnext, Wnext.transpose().cwiseAbs() * dZnext.cwiseAbs());

                // S += dZ Aᵀ adds to what is there.
                Eigen::MatrixXf S = Eigen::MatrixXf::Constant(n, p, 0.5f);
                accumulateWeightGradient(dZ, A, S);
                checkClose(S, (dZ * A.transpose()).array() + 0.5f, (dZ.cwiseAbs() * A.cwiseAbs().transpose()).array() + 0.5f);
            }
}

} // namespace

TEST_CASE("[core] the narrow-layer kernels equal the Eigen expressions on odd sizes, on every instruction set") {
    const std::vector<std::string> sets = simd::instructionSets();
    REQUIRE_FALSE(sets.empty());
    for (const std::string& set : sets) {
        INFO("restricted to " << set);
        REQUIRE(simd::restrictInstructionSet(set));
        checkNarrowKernels();
    }
    REQUIRE(simd::restrictInstructionSet(""));
}

TEST_CASE("[core] softmax of negative and large columns equals its definition and sums to 1") {
    Eigen::MatrixXf Z(3, 4);
    Z << -5.0f, 100.0f, 0.0f, -1e3f, //
        -7.0f, 101.0f, 0.0f, -1e3f + 1.0f, //
        -6.0f, 99.0f, 0.0f, -1e3f + 2.0f;
    Eigen::MatrixXf A(3, 4);
    softmax(Z, A, true);
    for (Eigen::Index j = 0; j < Z.cols(); ++j) {
        const Eigen::ArrayXd e = (Z.col(j).cast<double>().array() - Z.col(j).cast<double>().maxCoeff()).exp();
        const Eigen::ArrayXd want = e / e.sum();
        INFO("column " << j);
        CHECK((A.col(j).cast<double>().array() - want).abs().maxCoeff() < 1e-6);
        CHECK(A.col(j).sum() == Approx(1.0f).epsilon(1e-6));
    }
    // The script's form without the shift: e^100 overflows float, as erratum 8 says it does.
    softmax(Z, A, false);
    CHECK(std::isnan(A(0, 1)));
    CHECK(A(0, 2) == Approx(1.0f / 3.0f));
}

TEST_CASE("[core] the cross-entropy sum counts only the entries where Y is not 0, NaN and 0 as the smallest float") {
    Eigen::MatrixXf A(3, 3), Y = Eigen::MatrixXf::Zero(3, 3);
    A << 0.5f, 0.0f, 0.2f, //
        0.25f, std::numeric_limits<float>::quiet_NaN(), 0.3f, //
        0.25f, 1.0f, 0.5f;
    Y(0, 0) = 1.0f;  // log 0.5
    Y(1, 1) = 1.0f;  // NaN → log of the smallest float
    Y(0, 2) = 0.25f; // a soft label: 0.25 log 0.2 + 0.75 log 0.5
    Y(2, 2) = 0.75f;
    const double tinyLog = std::log(static_cast<double>(std::numeric_limits<float>::min()));
    const double want = std::log(0.5) + tinyLog + 0.25 * std::log(0.2) + 0.75 * std::log(0.5);
    CHECK(crossEntropySum(A, Y) == Approx(want).epsilon(1e-6));
}

TEST_CASE("[core] the element-wise equations reject a block that is not whole columns") {
    Eigen::MatrixXf Z = randomMatrix(10, 6, 7), A(10, 6);
    // Rows 0 … 4 of every column: not contiguous, so not one flat array of entries.
    CHECK_THROWS_WITH(activationForward(Activation::ReLU, Z.topRows(5), A.topRows(5)),
                      "core equations: expected a block of whole columns");
    activationForward(Activation::ReLU, Z.middleCols(1, 4), A.middleCols(1, 4));
    CHECK(A.middleCols(1, 4) == Z.middleCols(1, 4).cwiseMax(0.0f));
}
