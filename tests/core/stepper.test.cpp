// The Stepper: gradients against central finite differences, step-by-step equals the fused
// iteration bit for bit, paper-faithful mode differs exactly where ERRATA says, determinism.
#include "core/stepper.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

using namespace stepwise::core;

namespace {

NetworkConfig smallConfig(std::vector<int> hidden = {5}, Activation g = Activation::ReLU) {
    NetworkConfig c;
    c.inputs = 6;
    c.hidden = std::move(hidden);
    c.outputs = 4;
    c.activation = g;
    c.seed = 7;
    return c;
}

std::shared_ptr<const Batch> randomBatch(int inputs, int m, int classes, unsigned seed) {
    std::mt19937 rng(seed);
    auto b = std::make_shared<Batch>();
    b->X.resize(inputs, m);
    for (int j = 0; j < m; ++j)
        for (int i = 0; i < inputs; ++i) b->X(i, j) = static_cast<std::uint8_t>(rng() % 256); // any byte
    b->labels.resize(m);
    for (int j = 0; j < m; ++j) b->labels(j) = static_cast<int>(rng() % static_cast<unsigned>(classes));
    return b;
}

/// Independent double-precision loss of the whole network, written without core's equations.
double referenceLoss(const NetworkConfig& c, const std::vector<Eigen::MatrixXd>& W, const std::vector<Eigen::VectorXd>& b,
                     const Batch& batch) {
    Eigen::MatrixXd A = batch.X.cast<double>() / 255.0; // A⁰ = X / 255
    const int L = c.layers();
    for (int l = 0; l < L; ++l) {
        Eigen::MatrixXd Z = W[static_cast<std::size_t>(l)] * A;
        Z.colwise() += b[static_cast<std::size_t>(l)];
        if (l + 1 < L) {
            if (c.activation == Activation::ReLU) A = Z.cwiseMax(0.0);
            else if (c.activation == Activation::Tanh) A = Z.array().tanh().matrix();
            else A = (1.0 + (-Z.array()).exp()).inverse().matrix();
        } else {
            A.resize(Z.rows(), Z.cols());
            for (Eigen::Index j = 0; j < Z.cols(); ++j) {
                const Eigen::VectorXd e = (Z.col(j).array() - Z.col(j).maxCoeff()).exp();
                A.col(j) = e / e.sum();
            }
        }
    }
    double sum = 0.0;
    for (Eigen::Index j = 0; j < A.cols(); ++j) sum += std::log(A(batch.labels(j), j));
    return -sum / static_cast<double>(A.cols());
}

void checkGradients(const NetworkConfig& c, int m, long iteration = 0) {
    const auto all = randomBatch(c.inputs, m, c.outputs, 3);
    Stepper stepper(c, initialParameters(c), all);
    stepper.resetParameters(initialParameters(c), iteration); // a mini-batch run: that iteration's columns
    const auto batch = stepper.sharedBatch();
    for (std::size_t i = 0; i < stepper.equations().size(); ++i) stepper.step();
    REQUIRE(stepper.position() == stepper.equations().size());

    std::vector<Eigen::MatrixXd> W;
    std::vector<Eigen::VectorXd> b;
    for (int l = 1; l <= c.layers(); ++l) {
        W.push_back(stepper.tensor("W" + std::to_string(l))->cast<double>());
        b.push_back(stepper.tensor("b" + std::to_string(l))->col(0).cast<double>());
    }
    CHECK(stepper.loss() == Approx(referenceLoss(c, W, b, *batch)).epsilon(1e-5));

    const double eps = 1e-5;
    for (int l = 1; l <= c.layers(); ++l) {
        const auto lu = static_cast<std::size_t>(l - 1);
        const auto dW = *stepper.tensor("dW" + std::to_string(l));
        const auto db = *stepper.tensor("db" + std::to_string(l));
        for (Eigen::Index i = 0; i < W[lu].rows(); ++i) {
            for (Eigen::Index k = 0; k < W[lu].cols(); ++k) {
                auto Wp = W, Wm = W;
                Wp[lu](i, k) += eps;
                Wm[lu](i, k) -= eps;
                const double fd = (referenceLoss(c, Wp, b, *batch) - referenceLoss(c, Wm, b, *batch)) / (2 * eps);
                INFO("dW" << l << "[" << i << ", " << k << "]");
                CHECK(dW(i, k) == Approx(fd).epsilon(1e-3).margin(1e-6));
            }
            auto bp = b, bm = b;
            bp[lu](i) += eps;
            bm[lu](i) -= eps;
            const double fd = (referenceLoss(c, W, bp, *batch) - referenceLoss(c, W, bm, *batch)) / (2 * eps);
            INFO("db" << l << "[" << i << "]");
            CHECK(db(i, 0) == Approx(fd).epsilon(1e-3).margin(1e-6));
        }
    }
}

} // namespace

TEST_CASE("[core] backward matches central finite differences (ReLU, one hidden layer)") {
    checkGradients(smallConfig({5}), 37);
}

TEST_CASE("[core] backward matches central finite differences (tanh and sigmoid, two hidden layers)") {
    checkGradients(smallConfig({5, 3}, Activation::Tanh), 29);
    checkGradients(smallConfig({4, 3}, Activation::Sigmoid), 29);
}

TEST_CASE("[core] backward matches central finite differences on a mini-batch") {
    NetworkConfig c = smallConfig({5});
    c.optimizer = Optimizer::SGD;
    c.batch = 16;
    checkGradients(c, 70, 5); // iteration 5: the second epoch's second batch of 16
}

TEST_CASE("[core] equation catalogue of the paper's network has the 17 ids in order") {
    const auto eqs = iterationEquations(NetworkConfig{});
    std::vector<std::string> ids;
    for (const auto& e : eqs) ids.push_back(e.id);
    CHECK(ids == std::vector<std::string>{"forward.a0", "forward.z1", "forward.a1", "forward.z2", "forward.a2",
                                          "loss.y", "loss.ce", "backward.dz2", "backward.dw2", "backward.db2",
                                          "backward.dz1", "backward.dw1", "backward.db1", "update.w1", "update.b1",
                                          "update.w2", "update.b2"});
    const auto names = tensorNames(NetworkConfig{});
    CHECK(std::find(names.begin(), names.end(), "W1_after") != names.end());
    CHECK(std::find(names.begin(), names.end(), "dZ1") != names.end());
}

TEST_CASE("[core] stepping every equation gives bit-identical parameters to one fused iteration") {
    // The paper's 784-10-10 with gd, then momentum, Adam and mini-batch SGD (batch of 600: two blocks).
    for (Optimizer optimizer : {Optimizer::GradientDescent, Optimizer::Momentum, Optimizer::Adam, Optimizer::SGD}) {
        INFO(toString(optimizer));
        NetworkConfig c;
        c.optimizer = optimizer;
        c.alpha = defaultAlpha(optimizer);
        if (optimizer == Optimizer::SGD) c.batch = 600;
        const auto batch = randomBatch(784, 1500, 10, 11); // three blocks of 512 columns, two shards
        Stepper stepped(c, initialParameters(c), batch);
        Stepper fused(c, initialParameters(c), batch);
        for (int it = 0; it < 3; ++it) {
            for (std::size_t i = 0; i < stepped.equations().size(); ++i) stepped.step();
            fused.runIteration([](int n, const std::function<void(int)>& body) {
                for (int i = n - 1; i >= 0; --i) body(i); // shards in reverse: order must not matter
            });
        }
        CHECK(stepped.iteration() == 3);
        CHECK(fused.iteration() == 3);
        for (int l = 1; l <= 2; ++l) {
            CHECK(stepped.parameters().W(l) == fused.parameters().W(l));
            CHECK(stepped.parameters().b(l) == fused.parameters().b(l));
        }
        CHECK(stepped.optimizerState() == fused.optimizerState());
        CHECK(stepped.optimizerState().t == 3);
        CHECK(stepped.loss() == fused.loss());
        CHECK(*stepped.tensor("dW1") == *fused.tensor("dW1"));
        CHECK(stepped.batchColumns() == fused.batchColumns());
        if (optimizer == Optimizer::Momentum || optimizer == Optimizer::Adam)
            CHECK(*stepped.tensor("vW1_after") == *fused.tensor("vW1_after"));
    }
}

TEST_CASE("[core] stepBack keeps tensors, hides later ones, and un-commits the iteration") {
    NetworkConfig c;
    const auto batch = randomBatch(784, 64, 10, 5);
    Stepper s(c, initialParameters(c), batch);
    CHECK(s.tensor("W1").has_value());
    CHECK_FALSE(s.tensor("Z1").has_value());
    s.step(); // forward.a0
    s.step(); // forward.z1
    REQUIRE(s.tensor("Z1").has_value());
    const Eigen::MatrixXf z1 = *s.tensor("Z1");
    CHECK(s.stepBack());
    CHECK_FALSE(s.tensor("Z1").has_value());
    s.step();
    CHECK(*s.tensor("Z1") == z1);

    const Eigen::MatrixXf w1 = s.parameters().W(1);
    while (s.position() < s.equations().size()) s.step();
    CHECK(s.iteration() == 1);
    CHECK(s.parameters().W(1) != w1);
    CHECK(*s.tensor("W1") == w1); // W1 names the parameters this iteration used
    CHECK(s.stepBack());
    CHECK(s.iteration() == 0);
    CHECK(s.parameters().W(1) == w1);
    s.step();
    CHECK(s.iteration() == 1);
    s.step(); // starts iteration 2 at forward.a0 with the updated parameters
    CHECK(s.position() == 1);
    CHECK(*s.tensor("W1") == *s.tensor("W1") );
    CHECK(s.parameters().W(1) != w1);
}

TEST_CASE("[core] paper-faithful mode differs exactly where ERRATA says") {
    NetworkConfig c;
    const auto batch = randomBatch(784, 300, 10, 9);
    NetworkConfig pc = c;
    pc.paperFaithful = true;
    Stepper right(c, initialParameters(c), batch, 420);
    Stepper paper(pc, initialParameters(pc), batch, 420);
    right.runIteration();
    paper.runIteration();
    // Forward pass on small Z: identical up to rounding of the max subtraction.
    CHECK((*right.tensor("A2") - *paper.tensor("A2")).cwiseAbs().maxCoeff() < 1e-6f);
    // Erratum 7: m = 420 (all rows) instead of 300 columns.
    CHECK(paper.gradientDivisor() == 420);
    CHECK(right.gradientDivisor() == 300);
    const Eigen::MatrixXf scaled = *right.tensor("dW2") * (300.0f / 420.0f);
    CHECK((*paper.tensor("dW2") - scaled).cwiseAbs().maxCoeff() < 1e-5f);
    // Erratum 6: every bias gets the same scalar.
    const auto db2 = *paper.tensor("db2");
    CHECK(db2.maxCoeff() == db2.minCoeff());
    CHECK(db2(0, 0) == Approx(right.tensor("db2")->sum() * 300.0f / 420.0f).margin(1e-6));
    const auto rdb2 = *right.tensor("db2");
    CHECK(rdb2.maxCoeff() != rdb2.minCoeff());
}

TEST_CASE("[core] same seed gives identical numbers, another seed different ones") {
    NetworkConfig a;
    NetworkConfig b = a;
    NetworkConfig c = a;
    c.seed = 99;
    CHECK(initialParameters(a).W(1) == initialParameters(b).W(1));
    CHECK(initialParameters(a).W(1) != initialParameters(c).W(1));
    const auto p = initialParameters(a);
    CHECK(p.W(1).minCoeff() >= -0.5f);
    CHECK(p.W(1).maxCoeff() < 0.5f);
    a.init = Init::UniformPositive;
    CHECK(initialParameters(a).W(1).minCoeff() >= 0.0f);
    a.init = Init::He;
    CHECK(initialParameters(a).b(1).isZero());
}

TEST_CASE("[core] deeper network 784-128-64-10 runs and names its tensors") {
    NetworkConfig c;
    c.hidden = {128, 64};
    const auto batch = randomBatch(784, 100, 10, 1);
    Stepper s(c, initialParameters(c), batch);
    s.runIteration();
    CHECK(s.tensor("Z3")->rows() == 10);
    CHECK(s.tensor("dW2")->rows() == 64);
    CHECK(s.tensor("dW2")->cols() == 128);
    CHECK(s.equationIndex("backward.dz3").has_value());
    CHECK(std::isfinite(s.loss()));
}

TEST_CASE("[core] forwardOutput equals the stepper's A2") {
    NetworkConfig c;
    const auto batch = randomBatch(784, 700, 10, 2);
    Stepper s(c, initialParameters(c), batch);
    s.runIteration();
    const Eigen::MatrixXf out = forwardOutput(c, initialParameters(c), batch->X);
    CHECK(out == *s.tensor("A2"));
}
