// The SIMD pixel kernels on real MNIST columns: Z¹ and dW¹ from the bytes equal the plain Eigen
// expressions on A⁰ = X / 255 within fp32 rounding (tests/core/pixel_products.test.cpp has the
// random and odd-sized cases).
#include "core/equations.hpp"
#include "core/parameters.hpp"
#include "data/data_source.hpp"
#include "data/split.hpp"
#include "support/display.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

using namespace stepwise;

TEST_CASE("[data] the pixel kernels equal the Eigen expressions on real MNIST blocks") {
    const auto dir = test::mnistDir();
    if (dir.empty()) test::skip("data/mnist is missing (scripts/fetch_mnist.sh fetches it)");
    const data::DataSource source = data::loadData(dir);
    const core::Batch batch = data::toBatch(source.train);
    core::NetworkConfig config;
    const core::Parameters params = core::initialParameters(config);
    const Eigen::Index k = 777; // not a multiple of any tile or block
    const core::ConstPixelsRef X = batch.X.middleCols(5000, k);
    const Eigen::MatrixXf A0 = batch.A0(5000, k);

    Eigen::MatrixXf Z(config.hidden.front(), k);
    core::linearForward(params.W(1), params.b(1), X, Z);
    const Eigen::MatrixXf Zref = (params.W(1) * A0).colwise() + params.b(1);
    const Eigen::MatrixXf scale = (params.W(1).cwiseAbs() * A0).colwise() + params.b(1).cwiseAbs();
    CHECK(((Z - Zref).cwiseAbs().array() <= 4e-6f * scale.array() + 1e-7f).all());

    Eigen::MatrixXf dZ = Zref.cwiseMax(0.0f) * 0.01f;
    Eigen::MatrixXf dWSum = Eigen::MatrixXf::Zero(Z.rows(), 784);
    core::accumulateWeightGradient(dZ, X, dWSum);
    const Eigen::MatrixXf dWref = dZ * A0.transpose();
    const Eigen::MatrixXf dWscale = dZ.cwiseAbs() * A0.transpose();
    CHECK(((dWSum - dWref).cwiseAbs().array() <= 4e-6f * dWscale.array() + 1e-7f).all());
    CHECK(dWref.cwiseAbs().maxCoeff() > 0.0f); // the data is real: the gradient is not all zero
}
