// DigitCanvas strokes and prepareDrawing(): drawn shapes come out as MNIST-like inputs —
// fitted to 20 × 20, centred by centre of mass, anti-aliased, row-major like A⁰.
#include "data/digit_drawing.hpp"
#include "data/idx_reader.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

using stepwise::data::DigitCanvas;
using stepwise::data::prepareDrawing;

namespace {

struct Measured {
    double rowCentre = 0, colCentre = 0; // centre of mass, index units
    int top = 28, bottom = -1, left = 28, right = -1;
    int grey = 0;                        // values strictly between 0 and 1
    int outOfRange = 0;                  // values outside 0 … 1 (or NaN)
    double mass = 0;
};

Measured measure(const Eigen::VectorXf& x) {
    REQUIRE(x.size() == 784);
    Measured m;
    for (int k = 0; k < 784; ++k) {
        const float v = x(k);
        if (!(v >= 0.f && v <= 1.f)) ++m.outOfRange;
        if (v <= 0.f) continue;
        const int r = k / 28, c = k % 28;
        m.mass += v;
        m.rowCentre += r * static_cast<double>(v);
        m.colCentre += c * static_cast<double>(v);
        m.top = std::min(m.top, r);
        m.bottom = std::max(m.bottom, r);
        m.left = std::min(m.left, c);
        m.right = std::max(m.right, c);
        if (v < 1.f) ++m.grey;
    }
    if (m.mass > 0) {
        m.rowCentre /= m.mass;
        m.colCentre /= m.mass;
    }
    return m;
}

DigitCanvas bar(float x, float top, float bottom) {
    DigitCanvas canvas;
    canvas.addStroke({x, top}, {x, bottom}, 12.f);
    return canvas;
}

DigitCanvas ring(Eigen::Vector2f centre, float radius) {
    DigitCanvas canvas;
    constexpr int kSegments = 48;
    for (int i = 0; i < kSegments; ++i) {
        const float a = 2.f * std::numbers::pi_v<float> * static_cast<float>(i) / kSegments;
        const float b = 2.f * std::numbers::pi_v<float> * static_cast<float>(i + 1) / kSegments;
        canvas.addStroke(centre + radius * Eigen::Vector2f(std::cos(a), std::sin(a)),
                         centre + radius * Eigen::Vector2f(std::cos(b), std::sin(b)), 12.f);
    }
    return canvas;
}

void checkMnistLike(const Measured& m) {
    INFO("centre of mass " << m.rowCentre << ", " << m.colCentre);
    CHECK(m.outOfRange == 0);
    CHECK(m.mass > 5.0);
    // Centre of mass within one pixel of (14, 14).
    CHECK(std::abs(m.rowCentre - 14.0) <= 1.0);
    CHECK(std::abs(m.colCentre - 14.0) <= 1.0);
    // All ink in the central 20 × 20 box, rows and columns 4 … 23.
    CHECK(m.top >= 4);
    CHECK(m.bottom <= 23);
    CHECK(m.left >= 4);
    CHECK(m.right <= 23);
    // The longer side of the ink's bounding box is 20 pixels.
    const int longer = std::max(m.bottom - m.top + 1, m.right - m.left + 1);
    CHECK(std::abs(longer - 20) <= 1);
    // Anti-aliased: grey levels at the edges.
    CHECK(m.grey >= 4);
}

} // namespace

TEST_CASE("[data] a drawn vertical bar is centred by its centre of mass") {
    const Eigen::VectorXf x = prepareDrawing(bar(140.f, 40.f, 240.f));
    const Measured m = measure(x);
    checkMnistLike(m);
    // Tall and thin: 20 rows, a few columns (the aspect ratio is kept, not stretched to 20 × 20).
    CHECK(m.bottom - m.top + 1 >= 19);
    CHECK(m.right - m.left + 1 <= 5);
}

TEST_CASE("[data] a horizontal bar lands in rows, laid out row-major like A0") {
    DigitCanvas canvas;
    canvas.addStroke({40.f, 140.f}, {240.f, 140.f}, 12.f);
    const Measured m = measure(prepareDrawing(canvas));
    checkMnistLike(m);
    CHECK(m.right - m.left + 1 >= 19);
    CHECK(m.bottom - m.top + 1 <= 5);
}

TEST_CASE("[data] a drawn ring fills the 20 by 20 box around the centre") {
    const Eigen::VectorXf x = prepareDrawing(ring({140.f, 140.f}, 90.f));
    const Measured m = measure(x);
    checkMnistLike(m);
    CHECK(m.bottom - m.top + 1 >= 19);
    CHECK(m.right - m.left + 1 >= 19);
    // The hole stays empty: the centre pixels hold (almost) no ink.
    CHECK(x(14 * 28 + 14) < 0.05f);
    CHECK(x(13 * 28 + 13) < 0.05f);
}

TEST_CASE("[data] an empty drawing gives 784 zeros") {
    DigitCanvas canvas;
    CHECK(canvas.empty());
    const Eigen::VectorXf x = prepareDrawing(canvas);
    REQUIRE(x.size() == 784);
    CHECK(x.isZero());
}

TEST_CASE("[data] a bar drawn off-centre in a corner gives the same inputs") {
    const Eigen::VectorXf centred = prepareDrawing(bar(140.f, 40.f, 240.f));
    // Top-left corner, a shorter bar, at a fractional position: still the same digit once prepared.
    DigitCanvas corner;
    corner.addStroke({30.37f, 15.21f}, {30.37f, 115.21f}, 6.f);
    const Eigen::VectorXf moved = prepareDrawing(corner);
    checkMnistLike(measure(moved));
    CHECK((centred - moved).cwiseAbs().maxCoeff() < 0.35f);
    CHECK(std::abs(centred.sum() - moved.sum()) < 0.1f * centred.sum());
    // Moved by whole canvas pixels: exactly the same inputs.
    CHECK(prepareDrawing(bar(40.f, 60.f, 260.f)) == centred);
}

TEST_CASE("[data] erasing removes ink and clear empties the canvas") {
    DigitCanvas canvas = bar(140.f, 40.f, 240.f);
    const auto before = canvas.version();
    CHECK(canvas.ink(140, 140) == 1.f);
    canvas.eraseStroke({100.f, 140.f}, {180.f, 140.f}, 20.f);
    CHECK(canvas.version() > before);
    CHECK(canvas.ink(140, 140) == 0.f);
    CHECK(canvas.ink(140, 50) == 1.f);
    // The bar is now two pieces; prepared, the gap shows as an empty middle.
    const Eigen::VectorXf x = prepareDrawing(canvas);
    const Measured m = measure(x);
    CHECK(m.bottom - m.top + 1 >= 19);
    float middle = 0.f;
    for (int c = 0; c < 28; ++c) middle += x(14 * 28 + c);
    CHECK(middle == 0.f);
    canvas.clear();
    CHECK(canvas.empty());
    CHECK(prepareDrawing(canvas).isZero());
}

TEST_CASE("[data] MNIST digits are centred by centre of mass at index 14, as prepareDrawing centres") {
    const auto dir = stepwise::test::mnistDir();
    if (dir.empty()) FAIL("data/mnist is missing: run scripts/setup.sh");
    const auto images = stepwise::data::readIdx(dir / "train-images-idx3-ubyte", dir / "train-labels-idx1-ubyte");
    const std::size_t n = std::min<std::size_t>(images.count(), 3000);
    double rows = 0, cols = 0;
    for (std::size_t i = 0; i < n; ++i) {
        Eigen::VectorXf x(784);
        for (int k = 0; k < 784; ++k) x(k) = images.pixels[i * 784 + static_cast<std::size_t>(k)] / 255.f;
        const Measured m = measure(x);
        rows += m.rowCentre;
        cols += m.colCentre;
    }
    CHECK(std::abs(rows / static_cast<double>(n) - stepwise::data::kCentreOfMass) < 0.1);
    CHECK(std::abs(cols / static_cast<double>(n) - stepwise::data::kCentreOfMass) < 0.1);
}

TEST_CASE("[data] stroke width and the reasons a drawing may be misread") {
    using stepwise::data::DigitCanvas;
    // A 3-pixel-wide bar of the 28 × 28 field measures 3.
    Eigen::VectorXf bar = Eigen::VectorXf::Zero(784);
    for (int r = 4; r < 24; ++r)
        for (int c = 13; c < 16; ++c) bar(r * 28 + c) = 1.f;
    CHECK(stepwise::data::strokeWidth(bar) == Approx(3.f));
    CHECK(stepwise::data::strokeWidth(Eigen::VectorXf::Zero(784)) == 0.f);

    // A tall 1 drawn with the pad's pen: narrow, so a reading other than 1 gets the serif hint.
    DigitCanvas one;
    one.addStroke({140.f, 40.f}, {140.f, 240.f}, 11.f);
    const Eigen::VectorXf oneInputs = stepwise::data::prepareDrawing(one);
    CHECK(stepwise::data::drawingAdvice(one, oneInputs, 1).empty());
    const auto asSeven = stepwise::data::drawingAdvice(one, oneInputs, 7);
    REQUIRE(asSeven.size() == 1u);
    CHECK(asSeven[0] == "if you meant a 1: MNIST's 1s are mostly one straight stroke, and a flag or a base line makes it "
                        "look like a 7");

    // A big loop with a thin pen: thin for its size.
    DigitCanvas thin;
    for (int k = 0; k < 64; ++k) {
        const float a = 6.2832f * static_cast<float>(k) / 64.f, b = 6.2832f * static_cast<float>(k + 1) / 64.f;
        thin.addStroke({140.f + 120.f * std::cos(a), 140.f + 120.f * std::sin(a)},
                       {140.f + 120.f * std::cos(b), 140.f + 120.f * std::sin(b)}, 4.f);
    }
    const Eigen::VectorXf thinInputs = stepwise::data::prepareDrawing(thin);
    CHECK(stepwise::data::strokeWidth(thinInputs) < 2.f);
    const auto thinAdvice = stepwise::data::drawingAdvice(thin, thinInputs, 0);
    REQUIRE_FALSE(thinAdvice.empty());
    CHECK(thinAdvice[0].starts_with("its strokes are thin for its size ("));

    // A small mark in the corner: it touches the edge and is small.
    DigitCanvas corner;
    corner.addStroke({2.f, 2.f}, {40.f, 40.f}, 11.f);
    const auto cornerAdvice = stepwise::data::drawingAdvice(corner, stepwise::data::prepareDrawing(corner), 7);
    // Scaled up, the small mark's pen is thick too.
    REQUIRE(cornerAdvice.size() == 3u);
    CHECK(cornerAdvice[0] == "it touches the pad's edge, so part of it may be missing");
    CHECK(cornerAdvice[1] == "its strokes are thicker than 99 % of MNIST's, so loops and gaps fill in");
    CHECK(cornerAdvice[2] == "it is small: it is scaled up to 20 of the 28 pixels, wobbles and all");
    CHECK(stepwise::data::drawingAdvice(DigitCanvas{}, Eigen::VectorXf::Zero(784), std::nullopt).empty());
}
