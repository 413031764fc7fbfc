// The optimisers as equations: momentum and Adam against an independent double-precision
// recomputation of two steps, their special cases (β = 0 is gd, Adam at β₁ = β₂ = 0 is sign
// descent), the catalogue's ids, and mini-batch SGD's columns following the per-epoch shuffle.
#include "core/stepper.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <random>
#include <set>

using namespace stepwise::core;

namespace {

std::shared_ptr<const Batch> randomBatch(int inputs, int m, int classes, unsigned seed) {
    std::mt19937 rng(seed);
    auto b = std::make_shared<Batch>();
    b->X.resize(inputs, m);
    for (int j = 0; j < m; ++j)
        for (int i = 0; i < inputs; ++i) b->X(i, j) = static_cast<std::uint8_t>(rng() % 256);
    b->labels.resize(m);
    for (int j = 0; j < m; ++j) b->labels(j) = static_cast<int>(rng() % static_cast<unsigned>(classes));
    return b;
}

/// The 4-2-3 network of the hand checks.
NetworkConfig tinyConfig(Optimizer optimizer) {
    NetworkConfig c;
    c.inputs = 4;
    c.hidden = {2};
    c.outputs = 3;
    c.seed = 5;
    c.optimizer = optimizer;
    c.alpha = optimizer == Optimizer::Adam ? 0.001f : 0.1f;
    return c;
}

/// Parameters and optimiser state of the reference, in double precision.
struct Reference {
    std::vector<Eigen::MatrixXd> P;    // W1, b1, W2, b2 (biases as n × 1)
    std::vector<Eigen::MatrixXd> M, V; // the same shapes
    long t = 0;
};

/// dW1, db1, dW2, db2 of the one-hidden-layer ReLU network, written without core's equations.
std::vector<Eigen::MatrixXd> referenceGradients(const std::vector<Eigen::MatrixXd>& P, const Batch& batch) {
    const Eigen::MatrixXd A0 = batch.X.cast<double>() / 255.0;
    const auto m = static_cast<double>(A0.cols());
    const Eigen::MatrixXd Z1 = (P[0] * A0).colwise() + P[1].col(0);
    const Eigen::MatrixXd A1 = Z1.cwiseMax(0.0);
    const Eigen::MatrixXd Z2 = (P[2] * A1).colwise() + P[3].col(0);
    Eigen::MatrixXd dZ2(Z2.rows(), Z2.cols());
    for (Eigen::Index j = 0; j < Z2.cols(); ++j) {
        const Eigen::VectorXd e = (Z2.col(j).array() - Z2.col(j).maxCoeff()).exp();
        dZ2.col(j) = e / e.sum();
        dZ2(batch.labels(j), j) -= 1.0; // A2 − Y
    }
    const Eigen::MatrixXd dZ1 = ((P[2].transpose() * dZ2).array() * (Z1.array() > 0.0).cast<double>()).matrix();
    return {dZ1 * A0.transpose() / m, dZ1.rowwise().sum() / m, dZ2 * A1.transpose() / m, dZ2.rowwise().sum() / m};
}

/// One step of \p c's optimiser on the reference, straight from the formulas of issue 11.
void referenceStep(const NetworkConfig& c, Reference& r, const Batch& batch) {
    const std::vector<Eigen::MatrixXd> d = referenceGradients(r.P, batch);
    ++r.t;
    const double a = c.alpha, beta = c.beta, b1 = c.beta1, b2 = c.beta2, eps = c.epsilon;
    for (std::size_t k = 0; k < r.P.size(); ++k) {
        if (c.optimizer == Optimizer::Momentum) {
            r.V[k] = beta * r.V[k] + d[k];
            r.P[k] -= a * r.V[k];
        } else {
            r.M[k] = b1 * r.M[k] + (1 - b1) * d[k];
            r.V[k] = b2 * r.V[k] + (1 - b2) * d[k].cwiseProduct(d[k]);
            const Eigen::ArrayXXd mHat = r.M[k].array() / (1 - std::pow(b1, static_cast<double>(r.t)));
            const Eigen::ArrayXXd vHat = r.V[k].array() / (1 - std::pow(b2, static_cast<double>(r.t)));
            r.P[k] = (r.P[k].array() - a * mHat / (vHat.sqrt() + eps)).matrix();
        }
    }
}

/// Two steps of momentum or Adam on the 4-2-3 network equal the reference, every tensor.
void checkTwoSteps(Optimizer optimizer) {
    const NetworkConfig c = tinyConfig(optimizer);
    const auto batch = randomBatch(4, 7, 3, 21);
    const Parameters start = initialParameters(c);
    Stepper s(c, start, batch);
    Reference r;
    r.P = {start.W(1).cast<double>(), start.b(1).cast<double>(), start.W(2).cast<double>(), start.b(2).cast<double>()};
    for (const auto& p : r.P) {
        r.M.push_back(Eigen::MatrixXd::Zero(p.rows(), p.cols()));
        r.V.push_back(Eigen::MatrixXd::Zero(p.rows(), p.cols()));
    }
    const std::vector<std::string> names{"W1", "b1", "W2", "b2"};
    for (int step = 1; step <= 2; ++step) {
        do s.step(); while (s.position() < s.equations().size()); // the whole next iteration
        referenceStep(c, r, *batch);
        CHECK(s.optimizerState().t == step);
        for (std::size_t k = 0; k < names.size(); ++k) {
            INFO(toString(optimizer) << " step " << step << ": " << names[k]);
            const Eigen::MatrixXd after = s.tensor(names[k] + "_after")->cast<double>();
            const Eigen::MatrixXd v = s.tensor("v" + names[k] + "_after")->cast<double>();
            CHECK((after - r.P[k]).cwiseAbs().maxCoeff() < 1e-6);
            CHECK((v - r.V[k]).cwiseAbs().maxCoeff() < 1e-6 * std::max(1.0, r.V[k].cwiseAbs().maxCoeff()));
            if (optimizer == Optimizer::Adam) {
                const Eigen::MatrixXd m = s.tensor("m" + names[k] + "_after")->cast<double>();
                CHECK((m - r.M[k]).cwiseAbs().maxCoeff() < 1e-6);
                // The state before this step is the previous step's after: zero at the first.
                if (step == 1) CHECK(s.tensor("m" + names[k])->isZero(0.0f));
            }
            if (step == 1) CHECK(s.tensor("v" + names[k])->isZero(0.0f));
        }
        // The parameters moved: the check above compares against more than the start.
        CHECK((s.parameters().W(1).cast<double>() - start.W(1).cast<double>()).cwiseAbs().maxCoeff() > 1e-5);
    }
}

std::vector<std::string> ids(const NetworkConfig& c) {
    std::vector<std::string> out;
    for (const auto& e : iterationEquations(c)) out.push_back(e.id);
    return out;
}

} // namespace

TEST_CASE("[core] momentum matches a double-precision recomputation of two steps on a 4-2-3 network") {
    checkTwoSteps(Optimizer::Momentum);
}

TEST_CASE("[core] adam matches a double-precision recomputation of two steps on a 4-2-3 network") {
    checkTwoSteps(Optimizer::Adam);
}

TEST_CASE("[core] momentum with beta 0 equals gradient descent bit for bit") {
    NetworkConfig gd;
    gd.inputs = 20;
    gd.hidden = {6};
    NetworkConfig momentum = gd;
    momentum.optimizer = Optimizer::Momentum;
    momentum.beta = 0.0f;
    const auto batch = randomBatch(20, 90, 10, 4);
    Stepper a(gd, initialParameters(gd), batch), b(momentum, initialParameters(momentum), batch);
    for (int i = 0; i < 3; ++i) {
        a.runIteration();
        b.runIteration();
    }
    for (int l = 1; l <= 2; ++l) {
        CHECK(a.parameters().W(l) == b.parameters().W(l));
        CHECK(a.parameters().b(l) == b.parameters().b(l));
    }
    CHECK(*b.tensor("vW1_after") == *b.tensor("dW1")); // V = 0·V + dW
}

TEST_CASE("[core] adam with beta1 = beta2 = 0 and a tiny epsilon is sign descent") {
    NetworkConfig c;
    c.inputs = 20;
    c.hidden = {6};
    c.optimizer = Optimizer::Adam;
    c.alpha = 0.01f;
    c.beta1 = 0.0f;
    c.beta2 = 0.0f;
    c.epsilon = 1e-30f;
    const auto batch = randomBatch(20, 90, 10, 8);
    Stepper s(c, initialParameters(c), batch);
    for (int i = 0; i < 2; ++i) {
        s.runIteration();
        for (int l = 1; l <= 2; ++l) {
            const std::string n = std::to_string(l);
            const Eigen::MatrixXf W = *s.tensor("W" + n), dW = *s.tensor("dW" + n);
            const Eigen::MatrixXf expected = (W.array() - c.alpha * dW.array().sign()).matrix();
            const Eigen::MatrixXf after = *s.tensor("W" + n + "_after");
            Eigen::Index r = 0, k = 0;
            INFO("largest difference " << (after - expected).cwiseAbs().maxCoeff(&r, &k) << " at dW = " << dW(r, k));
            // Eigen's vectorised sqrt may round differently in the last bit: a few ulp of |W| ≤ 0.5.
            CHECK((after - expected).cwiseAbs().maxCoeff() < 1e-7f);
            CHECK((dW.array() != 0.0f).count() > dW.size() / 2); // most entries really move
        }
    }
}

TEST_CASE("[core] the catalogue names momentum's and adam's update equations and state tensors") {
    NetworkConfig momentum;
    momentum.optimizer = Optimizer::Momentum;
    const std::vector<std::string> m = ids(momentum);
    CHECK(std::vector<std::string>(m.end() - 8, m.end()) ==
          std::vector<std::string>{"update.vw1", "update.w1", "update.vb1", "update.b1", "update.vw2", "update.w2",
                                   "update.vb2", "update.b2"});
    NetworkConfig adam;
    adam.optimizer = Optimizer::Adam;
    adam.hidden = {128, 64};
    const std::vector<std::string> a = ids(adam);
    REQUIRE(a.size() == 9u + 9u + 18u);
    CHECK(std::vector<std::string>(a.end() - 6, a.end()) ==
          std::vector<std::string>{"update.mw3", "update.vw3", "update.w3", "update.mb3", "update.vb3", "update.b3"});
    const auto adamStepEq = findEquation(adam, "update.w2");
    REQUIRE(adamStepEq);
    CHECK(adamStepEq->function == "stepwise::core::adamStep");
    CHECK(adamStepEq->tex == "W^{2} := W^{2} - \\alpha \\frac{mW^{2} / (1 - \\beta_{1}^{t})}"
                             "{\\left( vW^{2} / (1 - \\beta_{2}^{t}) \\right)^{1/2} + \\epsilon}");
    CHECK(adamStepEq->inputs == std::vector<std::string>{"W2", "mW2_after", "vW2_after"});
    CHECK(adamStepEq->intermediates == std::vector<std::string>{"mhatW2", "vhatW2"});
    CHECK(findEquation(adam, "update.b3")->intermediates == std::vector<std::string>{"mhatb3", "vhatb3"});
    CHECK(findEquation(adam, "update.mw2")->intermediates.empty());
    CHECK(producerOf(adam, "vhatW2")->id == "update.w2");
    CHECK(findTensor(adam, "mhatW2")->kind == TensorKind::CorrectedWeightMoment);
    CHECK(findTensor(adam, "vhatb1")->kind == TensorKind::CorrectedBiasVelocity);
    CHECK(findTensor(adam, "vhatW2")->cols == 128);
    CHECK(findTensor(adam, "mhatb3")->cols == 1);
    CHECK_FALSE(findTensor(momentum, "mhatW1"));
    CHECK(findTensor(adam, "mW3")->kind == TensorKind::WeightMoment);
    CHECK(findTensor(adam, "vb2_after")->kind == TensorKind::UpdatedBiasVelocity);
    CHECK(findTensor(adam, "vW1")->cols == 784);
    CHECK(findTensor(momentum, "vW2")->rows == 10);
    CHECK_FALSE(findTensor(momentum, "mW1"));
    NetworkConfig sgd;
    sgd.optimizer = Optimizer::SGD;
    CHECK(ids(sgd) == ids(NetworkConfig{}));
    CHECK_FALSE(findTensor(sgd, "vW1"));
}

TEST_CASE("[core] sgd iterations run on the mini-batch columns of the per-epoch shuffle") {
    NetworkConfig c;
    c.inputs = 30;
    c.hidden = {5};
    c.optimizer = Optimizer::SGD;
    c.batch = 64;
    c.seed = 3;
    const auto batch = randomBatch(30, 300, 10, 6); // 4 batches of 64 per epoch, 44 columns sit out
    const std::vector<Eigen::Index> order0 = epochPermutation(3, 0, 300), order1 = epochPermutation(3, 1, 300);
    CHECK(std::set<Eigen::Index>(order0.begin(), order0.end()).size() == 300u);
    CHECK(*std::max_element(order0.begin(), order0.end()) == 299);
    CHECK(order0 != order1);
    CHECK(order0 == epochPermutation(3, 0, 300));
    CHECK(order0 != epochPermutation(4, 0, 300));

    Stepper s(c, initialParameters(c), batch);
    std::set<Eigen::Index> epoch0;
    for (long it = 0; it < 9; ++it) {
        INFO("iteration " << it);
        s.step(); // forward.a0 of iteration it: its mini-batch is drawn
        const std::vector<Eigen::Index>& cols = s.batchColumns();
        const std::vector<Eigen::Index>& order = it < 4 ? order0 : it < 8 ? order1 : epochPermutation(3, 2, 300);
        REQUIRE(cols.size() == 64u);
        CHECK(cols == std::vector<Eigen::Index>(order.begin() + (it % 4) * 64, order.begin() + (it % 4 + 1) * 64));
        CHECK(cols == iterationColumns(c, 300, it));
        CHECK(s.miniBatch());
        CHECK(s.batch().size() == 64);
        CHECK(s.batch().X.col(17) == batch->X.col(cols[17]));
        CHECK(s.batch().labels(40) == batch->labels(cols[40]));
        if (it < 4) epoch0.insert(cols.begin(), cols.end());
        while (s.position() < s.equations().size()) s.step();
        CHECK(s.gradientDivisor() == 64);
        CHECK(s.tensor("Z1")->cols() == 64);
    }
    CHECK(epoch0.size() == 256u); // no column twice within an epoch

    // A stepper put at iteration 6 draws iteration 6's columns from the count alone.
    Stepper restored(c, initialParameters(c), batch);
    restored.resetParameters(initialParameters(c), 6);
    CHECK(restored.batchColumns() == iterationColumns(c, 300, 6));

    // Full batch: every column in order, the training set itself.
    NetworkConfig gd = c;
    gd.optimizer = Optimizer::GradientDescent;
    gd.batch = 0;
    Stepper full(gd, initialParameters(gd), batch);
    CHECK_FALSE(full.miniBatch());
    CHECK(full.sharedBatch() == batch);
    CHECK(iterationColumns(gd, 300, 5).size() == 300u);
}

TEST_CASE("[core] a stepper reset to another's parameters, state and iteration continues bit for bit") {
    for (Optimizer optimizer : {Optimizer::SGD, Optimizer::Momentum, Optimizer::Adam}) {
        INFO(toString(optimizer));
        NetworkConfig c;
        c.inputs = 30;
        c.hidden = {5};
        c.optimizer = optimizer;
        c.batch = 50;
        c.alpha = defaultAlpha(optimizer);
        const auto batch = randomBatch(30, 220, 10, 12);
        Stepper original(c, initialParameters(c), batch);
        for (int i = 0; i < 6; ++i) original.runIteration();
        Stepper resumed(c, initialParameters(c), batch);
        resumed.resetParameters(original.parameters(), original.iteration(), original.optimizerState());
        CHECK(resumed.optimizerState() == original.optimizerState());
        for (int i = 0; i < 5; ++i) {
            original.runIteration();
            resumed.runIteration();
        }
        CHECK(resumed.iteration() == 11);
        for (int l = 1; l <= 2; ++l) CHECK(resumed.parameters().W(l) == original.parameters().W(l));
        CHECK(resumed.optimizerState() == original.optimizerState());
        CHECK(resumed.optimizerState().t == 11);
        // A state for another optimiser is refused.
        NetworkConfig other = c;
        other.optimizer = optimizer == Optimizer::Adam ? Optimizer::Momentum : Optimizer::Adam;
        CHECK_THROWS_AS(resumed.resetParameters(original.parameters(), 0, initialOptimizerState(other)),
                        std::invalid_argument);
    }
}

// Adam's step shows its bias-corrected moments: M̂ and V̂ exist once update.w{l} has run, they are
// the moments divided by 1 − βᵗ, and the parameter moves by α M̂ / (√V̂ + ε) from them.
TEST_CASE("[core] adam's step keeps M-hat and V-hat, the moments divided by one minus beta to the t") {
    NetworkConfig c;
    c.inputs = 20;
    c.hidden = {6};
    c.optimizer = Optimizer::Adam;
    const auto batch = randomBatch(20, 90, 10, 5);
    Stepper s(c, initialParameters(c), batch);
    const auto update = *equationIndex(c, "update.w2");
    for (int iteration = 1; iteration <= 3; ++iteration) {
        INFO("iteration " << iteration);
        if (s.position() == s.equations().size()) s.step(); // into the next iteration
        while (s.position() < update) s.step();
        CHECK_FALSE(s.tensor("mhatW2")); // not yet computed in this iteration
        s.step();
        const Eigen::MatrixXf M = *s.tensor("mW2_after"), V = *s.tensor("vW2_after");
        const Eigen::MatrixXf mHat = *s.tensor("mhatW2"), vHat = *s.tensor("vhatW2");
        // 1 − βᵗ in double from the float β, rounded once, as the step forms it.
        const auto c1 = static_cast<float>(1.0 - std::pow(static_cast<double>(c.beta1), iteration));
        const auto c2 = static_cast<float>(1.0 - std::pow(static_cast<double>(c.beta2), iteration));
        CHECK(mHat == (M.array() / c1).matrix());
        CHECK(vHat == (V.array() / c2).matrix());
        const Eigen::MatrixXf W = *s.tensor("W2");
        const Eigen::MatrixXf expected = (W.array() - c.alpha * (mHat.array() / (vHat.array().sqrt() + c.epsilon))).matrix();
        // The compiler may fuse the multiply-subtract here and not there: a few ulp of |W| ≤ 0.5.
        CHECK((*s.tensor("W2_after") - expected).cwiseAbs().maxCoeff() < 1e-7f);
        if (iteration == 1) { // t = 1: M̂ is the gradient and V̂ its square, up to rounding
            const Eigen::MatrixXf dW = *s.tensor("dW2");
            CHECK((mHat - dW).cwiseAbs().maxCoeff() <= 1e-6f * std::max(1.0f, dW.cwiseAbs().maxCoeff()));
        }
        while (s.position() < s.equations().size()) s.step();
    }
}
