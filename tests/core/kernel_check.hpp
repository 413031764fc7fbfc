// Shared by the SIMD kernel tests (pixel_products, narrow_products): random inputs and the
// "within fp32 rounding" comparison against the plain Eigen expressions.
#pragma once

#include <Eigen/Core>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

namespace kernelcheck {

/// rows × cols of N(0, 1) values from \p seed.
inline Eigen::MatrixXf randomMatrix(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, 1.0f);
    Eigen::MatrixXf M(rows, cols);
    for (Eigen::Index i = 0; i < M.size(); ++i) M.data()[i] = n(rng);
    return M;
}

/// Every entry of \p got within fp32 rounding of \p want: a few ulps of the sum of |terms|.
inline void checkClose(const Eigen::MatrixXf& got, const Eigen::MatrixXf& want, const Eigen::MatrixXf& magnitude) {
    REQUIRE(got.rows() == want.rows());
    REQUIRE(got.cols() == want.cols());
    float worst = 0.0f;
    for (Eigen::Index i = 0; i < got.size(); ++i) {
        const float allowed = 4e-6f * magnitude.data()[i] + 1e-7f;
        worst = std::max(worst, std::abs(got.data()[i] - want.data()[i]) / allowed);
    }
    INFO("worst error / allowed = " << worst);
    CHECK(worst <= 1.0f);
}

} // namespace kernelcheck
