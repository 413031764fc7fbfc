// DigitCanvas strokes and prepareDrawing(), the MNIST preparation of a drawn digit.
// Sections: canvas, preparation.
#include "data/digit_drawing.hpp"

#include "data/labeled_images.hpp"

#include <algorithm>
#include <cmath>

namespace stepwise::data {

// ---------------------------------------------------------------- canvas

DigitCanvas::DigitCanvas(int side) : m_ink(Eigen::MatrixXf::Zero(std::max(1, side), std::max(1, side))) {}

void DigitCanvas::addStroke(Eigen::Vector2f from, Eigen::Vector2f to, float radius) { paint(from, to, radius, false); }

void DigitCanvas::eraseStroke(Eigen::Vector2f from, Eigen::Vector2f to, float radius) { paint(from, to, radius, true); }

void DigitCanvas::clear() {
    m_ink.setZero();
    ++m_version;
}

bool DigitCanvas::empty() const { return !(m_ink.array() > 0.f).any(); }

void DigitCanvas::paint(Eigen::Vector2f from, Eigen::Vector2f to, float radius, bool erase) {
    if (!from.allFinite() || !to.allFinite() || !(radius >= 0.f)) return;
    const int n = side();
    const float reach = radius + 1.f;
    const int x0 = std::max(0, static_cast<int>(std::floor(std::min(from.x(), to.x()) - reach)));
    const int x1 = std::min(n - 1, static_cast<int>(std::ceil(std::max(from.x(), to.x()) + reach)));
    const int y0 = std::max(0, static_cast<int>(std::floor(std::min(from.y(), to.y()) - reach)));
    const int y1 = std::min(n - 1, static_cast<int>(std::ceil(std::max(from.y(), to.y()) + reach)));
    const Eigen::Vector2f d = to - from;
    const float length2 = d.squaredNorm();
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const Eigen::Vector2f p(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f);
            // Distance from the pixel centre to the nearest point of the segment.
            const float t = length2 > 0.f ? std::clamp((p - from).dot(d) / length2, 0.f, 1.f) : 0.f;
            const float distance = (p - (from + t * d)).norm();
            // Coverage falls from 1 to 0 over the pixel straddling the pen's edge.
            const float coverage = std::clamp(radius + 0.5f - distance, 0.f, 1.f);
            if (coverage <= 0.f) continue;
            float& v = m_ink(y, x);
            v = erase ? std::min(v, 1.f - coverage) : std::max(v, coverage);
        }
    ++m_version;
}

// ---------------------------------------------------------------- preparation

namespace {

constexpr int kBox = 20; // MNIST's size-normalisation box

// Area-averaging weights from `source` pixels to `target` pixels (target × source): target
// pixel i covers source interval [i·s, (i+1)·s) with s = source / target; its weight on source
// pixel k is the overlap length of [k, k+1) with that interval, divided by s, so each row sums
// to 1 and the result is the mean over the covered area (a box filter).
Eigen::MatrixXf areaWeights(int target, int source) {
    Eigen::MatrixXf w = Eigen::MatrixXf::Zero(target, source);
    const double s = static_cast<double>(source) / static_cast<double>(target);
    for (int i = 0; i < target; ++i) {
        const double a = i * s, b = (i + 1) * s;
        for (int k = static_cast<int>(std::floor(a)); k < std::min(source, static_cast<int>(std::ceil(b))); ++k) {
            const double overlap = std::min(b, k + 1.0) - std::max(a, static_cast<double>(k));
            if (overlap > 0.0) w(i, k) = static_cast<float>(overlap / s);
        }
    }
    return w;
}

} // namespace

Eigen::VectorXf prepareDrawing(const Eigen::Ref<const Eigen::MatrixXf>& ink) {
    constexpr int side = static_cast<int>(kImageSide);
    Eigen::VectorXf out = Eigen::VectorXf::Zero(side * side);

    // 1. Crop to the ink's bounding box.
    int top = -1, bottom = -1, left = static_cast<int>(ink.cols()), right = -1;
    for (int y = 0; y < ink.rows(); ++y)
        for (int x = 0; x < ink.cols(); ++x)
            if (ink(y, x) > 0.f) {
                if (top < 0) top = y;
                bottom = y;
                left = std::min(left, x);
                right = std::max(right, x);
            }
    if (top < 0) return out; // no ink: all zeros
    const int h = bottom - top + 1, w = right - left + 1;

    // 2. Scale the longer side to 20 px, keeping the aspect ratio (the shorter side rounds to
    //    whole pixels, at least 1), by area averaging — a box filter, which anti-aliases.
    const int longer = std::max(h, w);
    const int th = std::max(1, static_cast<int>(std::lround(static_cast<double>(kBox) * h / longer)));
    const int tw = std::max(1, static_cast<int>(std::lround(static_cast<double>(kBox) * w / longer)));
    const Eigen::MatrixXf crop = ink.block(top, left, h, w).cwiseMax(0.f).cwiseMin(1.f);
    const Eigen::MatrixXf small = areaWeights(th, h) * crop * areaWeights(tw, w).transpose(); // th × tw

    // 3. Centre of mass in index units (pixel (r, c) sits at (r, c)), then the whole-pixel shift
    //    that brings it nearest to (14, 14), limited so the box stays inside the 28 × 28 field.
    //    Half-pixel ties go up and left, so a symmetric 20-pixel shape (centre of mass 9.5) fills
    //    exactly the central box 4 … 23 rather than 5 … 24. "Tie" means within 0.1 px: a pen's
    //    soft edge moves the centre of mass by a few hundredths of a pixel, which must not move
    //    the whole digit by a pixel depending on where on the pad it was drawn.
    const double mass = small.cast<double>().sum();
    if (!(mass > 0.0)) return out;
    double rowMoment = 0.0, colMoment = 0.0;
    for (int r = 0; r < th; ++r)
        for (int c = 0; c < tw; ++c) {
            rowMoment += r * static_cast<double>(small(r, c));
            colMoment += c * static_cast<double>(small(r, c));
        }
    const auto shift = [&](double moment, int extent) {
        const int offset = static_cast<int>(std::ceil(kCentreOfMass - moment / mass - 0.5 - 0.1));
        return std::clamp(offset, 0, side - extent);
    };
    const int rowOffset = shift(rowMoment, th), colOffset = shift(colMoment, tw);

    // 4. Paste row-major like A⁰ (k = row · 28 + col), clamped to 0 … 1 and rounded to the
    //    nearest pixel byte v / 255, as MNIST stores its images: the network reads bytes.
    for (int r = 0; r < th; ++r)
        for (int c = 0; c < tw; ++c) {
            const float v = std::clamp(small(r, c), 0.f, 1.f);
            out((r + rowOffset) * side + (c + colOffset)) = std::round(v * 255.f) / 255.f;
        }
    return out;
}

Eigen::VectorXf prepareDrawing(const DigitCanvas& canvas) { return prepareDrawing(canvas.pixels()); }

float strokeWidth(const Eigen::Ref<const Eigen::VectorXf>& inputs) {
    constexpr int n = 28; // MNIST's side
    if (inputs.size() != n * n) return 0.f;
    const auto on = [&](int r, int c) { return inputs(r * n + c) >= 0.3f; };
    // Length of the run of inked pixels through (r, c) along (dr, dc).
    const auto run = [&](int r, int c, int dr, int dc) {
        int length = 1;
        for (int k = 1; r + k * dr < n && c + k * dc < n && on(r + k * dr, c + k * dc); ++k) ++length;
        for (int k = 1; r - k * dr >= 0 && c - k * dc >= 0 && on(r - k * dr, c - k * dc); ++k) ++length;
        return length;
    };
    double sum = 0.0;
    int count = 0;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (on(r, c)) {
                sum += std::min(run(r, c, 0, 1), run(r, c, 1, 0));
                ++count;
            }
    return count == 0 ? 0.f : static_cast<float>(sum / count);
}

std::vector<std::string> drawingAdvice(const DigitCanvas& canvas, const Eigen::Ref<const Eigen::VectorXf>& inputs,
                                       std::optional<int> predicted) {
    std::vector<std::string> advice;
    if (canvas.empty()) return advice;
    const Eigen::MatrixXf& ink = canvas.pixels();
    const int side = canvas.side();
    int top = side, bottom = -1, left = side, right = -1;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            if (ink(y, x) > 0.f) {
                top = std::min(top, y), bottom = std::max(bottom, y);
                left = std::min(left, x), right = std::max(right, x);
            }
    const int margin = std::max(1, side / 100);
    if (top < margin || left < margin || bottom >= side - margin || right >= side - margin)
        advice.emplace_back("it touches the pad's edge, so part of it may be missing");
    const float width = strokeWidth(inputs);
    if (width > 0.f && width < 2.0f)
        advice.emplace_back("its strokes are thin for its size (" + std::to_string(width).substr(0, 3) +
                            " of 28 pixels wide, MNIST's about 3.5): draw it smaller or go over the lines again");
    else if (width > 6.7f)
        advice.emplace_back("its strokes are thicker than 99 % of MNIST's, so loops and gaps fill in");
    const int w = right - left + 1, h = bottom - top + 1;
    if (std::max(w, h) * 4 < side)
        advice.emplace_back("it is small: it is scaled up to 20 of the 28 pixels, wobbles and all");
    if (h >= 2 * w && predicted && *predicted != 1)
        advice.emplace_back("if you meant a 1: MNIST's 1s are mostly one straight stroke, and a flag or a base "
                            "line makes it look like a " + std::to_string(*predicted));
    return advice;
}

} // namespace stepwise::data
