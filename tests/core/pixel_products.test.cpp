// The SIMD pixel kernels (core/simd/pixel_products) against the plain Eigen expressions they
// replace, Z¹ = W¹(X/255) + b¹ and Σ dZ¹(X/255)ᵀ, within fp32 rounding, on awkward sizes: hidden
// 1, 10, 17 and 128 rows, pixel counts that are not a multiple of any vector width, and column
// counts that are not a multiple of the tile or of the stepper's block.
#include "core/equations.hpp"
#include "core/simd/pixel_products.hpp"
#include "core/stepper.hpp"

#include "kernel_check.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace stepwise::core;
using kernelcheck::checkClose;
using kernelcheck::randomMatrix;

namespace {

PixelMatrix randomPixels(Eigen::Index p, Eigen::Index k, unsigned seed) {
    std::mt19937 rng(seed);
    PixelMatrix X(p, k);
    for (Eigen::Index j = 0; j < k; ++j)
        for (Eigen::Index i = 0; i < p; ++i) X(i, j) = rng() % 3 == 0 ? static_cast<std::uint8_t>(rng() % 256) : 0;
    return X;
}

void checkKernelsOnOddSizes() {
    INFO("instruction set: " << simd::instructionSet());
    for (const Eigen::Index n : {1, 10, 17, 128})
        for (const Eigen::Index p : {784, 13, 37, 1})
            for (const Eigen::Index k : {1, 3, 513}) {
                INFO("n = " << n << ", p = " << p << ", k = " << k);
                const PixelMatrix X = randomPixels(p, k, static_cast<unsigned>(n * 1000 + p * 10 + k));
                const Eigen::MatrixXf A0 = pixelsToA0(X);
                const Eigen::MatrixXf W = randomMatrix(n, p, 1), dZ = randomMatrix(n, k, 2);
                const Eigen::VectorXf b = randomMatrix(n, 1, 3);

                Eigen::MatrixXf Z(n, k);
                linearForward(W, b, X, Z);
                const Eigen::MatrixXf Zref = (W * A0).colwise() + b;
                checkClose(Z, Zref, (W.cwiseAbs() * A0).colwise() + b.cwiseAbs());

                Eigen::MatrixXf dWSum = Eigen::MatrixXf::Constant(n, p, 0.5f); // adds to what is there
                accumulateWeightGradient(dZ, X, dWSum);
                const Eigen::MatrixXf dWref = (dZ * A0.transpose()).array() + 0.5f;
                checkClose(dWSum, dWref, (dZ.cwiseAbs() * A0.transpose()).array() + 0.5f);
            }
}

} // namespace

TEST_CASE("[core] the pixel kernels equal the Eigen expressions on odd sizes, on every instruction set") {
    // AVX-512, AVX2, SSE4, … as this CPU allows: each compiled path is checked here, not only the best.
    const std::vector<std::string> sets = simd::instructionSets();
    REQUIRE_FALSE(sets.empty());
    for (const std::string& set : sets) {
        INFO("restricted to " << set);
        REQUIRE(simd::restrictInstructionSet(set));
        CHECK(simd::instructionSet() == set);
        checkKernelsOnOddSizes();
    }
    REQUIRE(simd::restrictInstructionSet(""));
    CHECK(simd::instructionSet() == sets.front());
    CHECK_FALSE(simd::restrictInstructionSet("no such set"));
}

TEST_CASE("[core] the pixel kernels read column blocks with a stride, as the stepper passes them") {
    const PixelMatrix X = randomPixels(784, 1100, 9);
    const Eigen::MatrixXf W = randomMatrix(10, 784, 4);
    const Eigen::VectorXf b = randomMatrix(10, 1, 5);
    // Columns 600 … 1099 of a wider matrix: the Ref's outer stride is 784, its start is offset.
    const ConstPixelsRef block = X.middleCols(600, 500);
    Eigen::MatrixXf Zwide = Eigen::MatrixXf::Zero(10, 1100);
    linearForward(W, b, block, Zwide.middleCols(600, 500));
    Eigen::MatrixXf Zblock(10, 500);
    linearForward(W, b, PixelMatrix(block), Zblock);
    CHECK(Zwide.middleCols(600, 500) == Zblock); // the same arithmetic, bit for bit
    CHECK(Zwide.leftCols(600).isZero(0.0f));     // nothing written outside the block
}

TEST_CASE("[core] the kernels report the instruction set they dispatch to") {
    const std::string name = simd::instructionSet();
    CHECK_FALSE(name.empty());
    // This file's kernels are compiled for every x86 target Highway knows; the run picks one.
    CHECK(name != "Unknown");
}
