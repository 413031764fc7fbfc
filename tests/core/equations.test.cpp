// Each equation of core/equations.hpp on a small example whose answer is worked out by hand.
#include "core/equation_catalogue.hpp"
#include "core/equations.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace stepwise::core;

TEST_CASE("[core] forward.z: Z = W A + b broadcasts b over the columns") {
    Eigen::MatrixXf W(2, 3);
    W << 1, 2, 3, -1, 0, 1;
    Eigen::VectorXf b(2);
    b << 0.5f, -1.0f;
    Eigen::MatrixXf A(3, 2);
    A << 1, 0, 1, 1, 1, 2;
    Eigen::MatrixXf Z(2, 2);
    linearForward(W, b, A, Z);
    // column 0: [1+2+3, -1+0+1] + b = [6.5, -1]; column 1: [0+2+6, 0+0+2] + b = [8.5, 1]
    CHECK(Z(0, 0) == 6.5f);
    CHECK(Z(1, 0) == -1.0f);
    CHECK(Z(0, 1) == 8.5f);
    CHECK(Z(1, 1) == 1.0f);
}

TEST_CASE("[core] forward.a1: ReLU, sigmoid and tanh and their derivatives") {
    Eigen::MatrixXf Z(1, 3);
    Z << -2, 0, 3;
    Eigen::MatrixXf A(1, 3), G(1, 3);
    activationForward(Activation::ReLU, Z, A);
    CHECK(A(0, 0) == 0.0f);
    CHECK(A(0, 1) == 0.0f);
    CHECK(A(0, 2) == 3.0f);
    activationDerivative(Activation::ReLU, Z, G);
    CHECK(G(0, 0) == 0.0f);
    CHECK(G(0, 1) == 0.0f); // g′(0) taken as 0, as the script's Z > 0
    CHECK(G(0, 2) == 1.0f);
    activationForward(Activation::Sigmoid, Z, A);
    CHECK(A(0, 1) == Approx(0.5f));
    activationDerivative(Activation::Sigmoid, Z, G);
    CHECK(G(0, 1) == Approx(0.25f));
    activationForward(Activation::Tanh, Z, A);
    CHECK(A(0, 2) == Approx(std::tanh(3.0f)));
    activationDerivative(Activation::Tanh, Z, G);
    CHECK(G(0, 1) == Approx(1.0f));
}

TEST_CASE("[core] forward.a1 with no activation passes Z through, and the backward gate is all ones") {
    Eigen::MatrixXf Z(2, 3);
    Z << -2, 0, 3, 1.5f, -0.25f, 7;
    Eigen::MatrixXf A(2, 3), G(2, 3);
    activationForward(Activation::None, Z, A);
    CHECK(A == Z);
    activationDerivative(Activation::None, Z, G);
    CHECK(G == Eigen::MatrixXf::Ones(2, 3));
    // dZ1 = W2ᵀ dZ2 ⊙ 1: exactly the product, negative entries included (ReLU would zero them).
    Eigen::MatrixXf W2(1, 2), dZ2(1, 3), dZ1(2, 3);
    W2 << 2, -1;
    dZ2 << 1, -1, 0.5f;
    hiddenDelta(Activation::None, W2, dZ2, Z, dZ1);
    CHECK(dZ1 == W2.transpose() * dZ2);
    CHECK(toString(Activation::None) == "none");
    CHECK(parseActivation("none") == Activation::None);
    CHECK(activationTex(Activation::None) == "\\mathrm{id}");
}

TEST_CASE("[core] forward.a2: softmax columns sum to one, stable and unstable agree on small Z") {
    Eigen::MatrixXf Z(3, 2);
    Z << 1, 0, 2, 0, 3, 0;
    Eigen::MatrixXf A(3, 2), B(3, 2);
    softmax(Z, A, true);
    softmax(Z, B, false);
    const float e = std::exp(1.0f);
    const float s = e + e * e + e * e * e;
    CHECK(A(0, 0) == Approx(e / s));
    CHECK(A(2, 0) == Approx(e * e * e / s));
    CHECK(A(1, 1) == Approx(1.0f / 3.0f));
    CHECK(A.colwise().sum()(0) == Approx(1.0f));
    CHECK((A - B).cwiseAbs().maxCoeff() < 1e-6f);
}

TEST_CASE("[core] forward.a2: subtracting the column max avoids overflow (erratum 8)") {
    Eigen::MatrixXf Z(2, 1);
    Z << 1000, 999;
    Eigen::MatrixXf A(2, 1), B(2, 1);
    softmax(Z, A, true);
    softmax(Z, B, false);
    CHECK(A.allFinite());
    CHECK(A(0, 0) == Approx(1.0f / (1.0f + std::exp(-1.0f))));
    CHECK_FALSE(B.allFinite()); // e^1000 = inf, inf/inf = NaN: the script's version breaks
}

TEST_CASE("[core] loss.y: one-hot puts label 5 in row 5 (erratum 3)") {
    Eigen::VectorXi labels(3);
    labels << 5, 0, 9;
    Eigen::MatrixXf Y(10, 3);
    oneHot(labels, Y);
    CHECK(Y(5, 0) == 1.0f);
    CHECK(Y(4, 0) == 0.0f);
    CHECK(Y(0, 1) == 1.0f);
    CHECK(Y(9, 2) == 1.0f);
    CHECK(Y.sum() == 3.0f);
}

TEST_CASE("[core] loss.ce: cross-entropy sum is Σ Y log A and stays finite when A is 0") {
    Eigen::MatrixXf A(2, 2), Y(2, 2);
    A << 0.25f, 0.0f, 0.75f, 1.0f;
    Y << 1, 1, 0, 0;
    const double s = crossEntropySum(A, Y);
    CHECK(std::isfinite(s));
    CHECK(s < std::log(0.25) - 80.0); // the A = 0 term is log of the smallest float ≈ −87
    Eigen::MatrixXf A2(2, 1), Y2(2, 1);
    A2 << 0.5f, 0.5f;
    Y2 << 0, 1;
    CHECK(crossEntropySum(A2, Y2) == Approx(std::log(0.5)));
}

TEST_CASE("[core] backward: dZ2 = A2 - Y, dW accumulates dZ Aᵀ, db the row sums, dZ1 gates by ReLU") {
    Eigen::MatrixXf A(2, 2), Y(2, 2), dZ(2, 2);
    A << 0.3f, 0.9f, 0.7f, 0.1f;
    Y << 1, 0, 0, 1;
    outputDelta(A, Y, dZ);
    CHECK(dZ(0, 0) == Approx(-0.7f));
    CHECK(dZ(1, 1) == Approx(-0.9f));

    Eigen::MatrixXf Aprev(3, 2);
    Aprev << 1, 2, 0, 1, 3, 0;
    Eigen::MatrixXf dW = Eigen::MatrixXf::Zero(2, 3);
    accumulateWeightGradient(dZ, Aprev, dW);
    accumulateWeightGradient(dZ, Aprev, dW); // accumulates: twice the product
    const Eigen::MatrixXf expected = 2.0f * dZ * Aprev.transpose();
    CHECK((dW - expected).cwiseAbs().maxCoeff() < 1e-6f);

    Eigen::VectorXf db = Eigen::VectorXf::Zero(2);
    accumulateBiasGradient(dZ, db);
    CHECK(db(0) == Approx(dZ(0, 0) + dZ(0, 1)));
    CHECK(db(1) == Approx(dZ(1, 0) + dZ(1, 1)));

    Eigen::MatrixXf W2(2, 3);
    W2 << 1, 0, 2, 0, 1, 1;
    Eigen::MatrixXf Z1(3, 2);
    Z1 << 1, -1, -2, 3, 0.5f, 0;
    Eigen::MatrixXf dZ1(3, 2);
    hiddenDelta(Activation::ReLU, W2, dZ, Z1, dZ1);
    const Eigen::MatrixXf full = W2.transpose() * dZ;
    CHECK(dZ1(0, 0) == Approx(full(0, 0)));
    CHECK(dZ1(0, 1) == 0.0f); // Z1 < 0: the gate is shut
    CHECK(dZ1(1, 0) == 0.0f);
    CHECK(dZ1(1, 1) == Approx(full(1, 1)));
    CHECK(dZ1(2, 1) == 0.0f); // Z1 = 0: shut too
}

TEST_CASE("[core] update: P - alpha dP, and scoring") {
    Eigen::MatrixXf P(1, 2), dP(1, 2), next(1, 2);
    P << 1, 2;
    dP << 10, -10;
    gradientStep(P, dP, 0.1f, next);
    CHECK(next(0, 0) == Approx(0.0f).margin(1e-6));
    CHECK(next(0, 1) == Approx(3.0f));

    Eigen::MatrixXf A(3, 3);
    A << 0.1f, 0.8f, 0.3f, 0.7f, 0.1f, 0.3f, 0.2f, 0.1f, 0.4f;
    Eigen::VectorXi labels(3);
    labels << 1, 0, 0;
    const Eigen::VectorXi p = predictions(A);
    CHECK(p(0) == 1);
    CHECK(p(1) == 0);
    CHECK(p(2) == 2);
    CHECK(accuracy(A, labels) == Approx(2.0 / 3.0));
}
