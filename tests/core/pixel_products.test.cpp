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

    // The weights may be a block too (column stride 16, not 10): the kernel reads W where it is.
    const Eigen::MatrixXf Wtall = randomMatrix(16, 784, 6);
    Eigen::MatrixXf Zstrided(10, 500), Zcopied(10, 500);
    linearForward(Wtall.topRows(10), b, block, Zstrided);
    linearForward(Eigen::MatrixXf(Wtall.topRows(10)), b, block, Zcopied);
    CHECK(Zstrided == Zcopied);
    CHECK_FALSE(Zstrided.isApprox(Zblock)); // and they are other weights than W's
}

TEST_CASE("[core] the kernels report the instruction set they dispatch to") {
    const std::string name = simd::instructionSet();
    CHECK_FALSE(name.empty());
    // This file's kernels are compiled for every x86 target Highway knows; the run picks one.
    CHECK(name != "Unknown");
}

namespace {

/// Images with background the kernels can skip: column j is blank when j % 5 == 0, else it has
/// ink in a band of whole and partial chunks (pixels 15 … 15 + 40·(j % 7), so chunk edges at
/// 15/16 and 31/32 are crossed), plus the last pixel for odd j (a partial chunk when p % 16 ≠ 0).
PixelMatrix bandedPixels(Eigen::Index p, Eigen::Index k) {
    PixelMatrix X = PixelMatrix::Zero(p, k);
    for (Eigen::Index j = 0; j < k; ++j) {
        if (j % 5 == 0) continue;
        for (Eigen::Index i = 15; i < std::min<Eigen::Index>(p, 16 + 40 * (j % 7)); i += 3)
            X(i, j) = static_cast<std::uint8_t>(1 + (i * 7 + j) % 255);
        if (j % 2 == 1) X(p - 1, j) = 200;
    }
    return X;
}

} // namespace

TEST_CASE("[core] chunk marks name exactly the 16-pixel chunks that hold ink") {
    PixelMatrix X = PixelMatrix::Zero(1100, 3); // 68 whole chunks: two words of marks
    X(0, 1) = 1;     // chunk 0
    X(31, 1) = 9;    // chunk 1 (its last pixel)
    X(32 * 16, 1) = 255; // chunk 32
    X(67 * 16 + 15, 2) = 4; // chunk 67, in the second word
    X(1099, 2) = 7;  // the partial chunk after 68 · 16: never marked, the kernels add it pixel by pixel
    REQUIRE(simd::chunkWords(1100) == 2);
    const NonzeroChunks marks(X);
    const simd::PixelChunks view = marks.from(0);
    REQUIRE(view.words == 2);
    CHECK(view.masks[0] == 0);
    CHECK(view.masks[1] == 0); // a blank column
    CHECK(view.masks[2] == ((std::uint64_t{1} << 0) | (std::uint64_t{1} << 1) | (std::uint64_t{1} << 32)));
    CHECK(view.masks[3] == 0);
    CHECK(view.masks[4] == 0);
    CHECK(view.masks[5] == (std::uint64_t{1} << (67 - 64)));
    CHECK(marks.from(2).masks == view.masks + 4); // the view of a later column starts at its words
}

TEST_CASE("[core] skipping background gives the same bits with marks made beforehand or on the fly") {
    for (const std::string& set : simd::instructionSets()) {
        INFO("restricted to " << set);
        REQUIRE(simd::restrictInstructionSet(set));
        for (const Eigen::Index n : {10, 17, 128})
            for (const Eigen::Index p : {784, 37})
                for (const Eigen::Index k : {1, 70}) { // 70 columns: more than one group of 32 in dW
                    INFO("n = " << n << ", p = " << p << ", k = " << k);
                    const PixelMatrix X = bandedPixels(p, k);
                    const NonzeroChunks marks(X);
                    const Eigen::MatrixXf A0 = pixelsToA0(X);
                    const Eigen::MatrixXf W = randomMatrix(n, p, 6), dZ = randomMatrix(n, k, 7);
                    const Eigen::VectorXf b = randomMatrix(n, 1, 8);

                    Eigen::MatrixXf Zfly(n, k), Zmarked(n, k);
                    linearForward(W, b, X, Zfly);
                    linearForward(W, b, X, Zmarked, marks.from(0));
                    CHECK(Zfly == Zmarked);
                    checkClose(Zmarked, (W * A0).colwise() + b, (W.cwiseAbs() * A0).colwise() + b.cwiseAbs());
                    for (Eigen::Index j = 0; j < k; j += 5) CHECK(Zmarked.col(j) == b); // blank: exactly b

                    Eigen::MatrixXf dWfly = Eigen::MatrixXf::Zero(n, p), dWmarked = Eigen::MatrixXf::Zero(n, p);
                    accumulateWeightGradient(dZ, X, dWfly);
                    accumulateWeightGradient(dZ, X, dWmarked, marks.from(0));
                    CHECK(dWfly == dWmarked);
                    checkClose(dWmarked, dZ * A0.transpose(), dZ.cwiseAbs() * A0.transpose());
                    // Pixels no column inks get exactly nothing.
                    for (Eigen::Index i = 0; i < 15; ++i) CHECK(dWmarked.col(i).isZero(0.0f));
                }
    }
    REQUIRE(simd::restrictInstructionSet(""));
}

TEST_CASE("[core] the chunk marks of a batch are made once and shared while someone holds them") {
    auto batch = std::make_shared<Batch>();
    batch->X = bandedPixels(784, 40);
    batch->labels = Eigen::VectorXi::Zero(40);
    const std::shared_ptr<const Batch> shared = batch;
    const auto first = nonzeroChunksOf(shared), second = nonzeroChunksOf(shared);
    REQUIRE(first);
    CHECK(first == second);
    CHECK(first->columns() == 40);
    auto other = std::make_shared<Batch>(*batch);
    CHECK(nonzeroChunksOf(other) != first); // another batch, even an equal one, has its own
}
