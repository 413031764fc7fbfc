// A hand-drawn digit and how it becomes one column of A⁰: DigitCanvas holds the ink of a
// 280 × 280 drawing (strokes, erasing, clearing); prepareDrawing() turns it into 784 inputs
// the way MNIST's digits were prepared (fit a 20 × 20 box with anti-aliasing, centre the
// centre of mass in 28 × 28). No SFML: the drawing pad view and the tests share this code.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::data {

/// \brief Side of the drawing canvas in canvas pixels: ten per MNIST pixel.
inline constexpr int kCanvasSide = 280;

/// \brief The ink of a hand drawing, one coverage value 0 … 1 per canvas pixel.
///
/// Coordinates are continuous canvas pixels: pixel (x, y) covers x … x + 1 horizontally and
/// y … y + 1 vertically, so its centre is (x + 0.5, y + 0.5); x grows to the right, y down.
/// Strokes are round-capped segments with a one-pixel soft edge (anti-aliased ink), combined
/// with the existing ink by max (drawing) or min (erasing), so repeated strokes never
/// overflow 1. Thread: a plain value; one thread at a time may modify it.
class DigitCanvas {
public:
    /// \brief An empty (all 0) canvas of \p side × \p side pixels (at least 1).
    explicit DigitCanvas(int side = kCanvasSide);

    /// \brief Inks the segment \p from … \p to with a round pen of radius \p radius (canvas pixels).
    /// A zero-length segment draws a dot.
    void addStroke(Eigen::Vector2f from, Eigen::Vector2f to, float radius);
    /// \brief Removes ink under the segment \p from … \p to with a round eraser of radius \p radius.
    void eraseStroke(Eigen::Vector2f from, Eigen::Vector2f to, float radius);
    /// \brief Removes all ink.
    void clear();

    /// \brief Side of the canvas in pixels.
    [[nodiscard]] int side() const { return static_cast<int>(m_ink.rows()); }
    /// \brief Ink of pixel (x, y), 0 … 1.
    [[nodiscard]] float ink(int x, int y) const { return m_ink(y, x); }
    /// \brief All the ink: side × side, row y, column x.
    [[nodiscard]] const Eigen::MatrixXf& pixels() const { return m_ink; }
    /// \brief True when no pixel holds ink.
    [[nodiscard]] bool empty() const;
    /// \brief A counter that grows with every change (stroke, erase, clear), for caches.
    [[nodiscard]] std::uint64_t version() const { return m_version; }

private:
    void paint(Eigen::Vector2f from, Eigen::Vector2f to, float radius, bool erase);

    Eigen::MatrixXf m_ink; // side × side, (y, x)
    std::uint64_t m_version = 0;
};

/// \brief Where prepareDrawing() puts the centre of mass, in MNIST pixel-index units.
///
/// Convention: the centre of mass of an image is \f$(\sum_{r,c} r\,v_{rc} / \sum v,\;
/// \sum_{r,c} c\,v_{rc} / \sum v)\f$ with row and column *indices* (pixel (r, c)'s centre sits
/// at (r, c)). MNIST's digits were translated so that this point is at (14, 14) of the 28 × 28
/// field (the tests check the real MNIST training images average there).
inline constexpr float kCentreOfMass = 14.f;

/// \brief Turns a drawing into the 784 inputs the network receives, prepared as MNIST's were.
///
/// Steps (each documented beside its code):
/// 1. crop to the bounding box of the ink (pixels above 0);
/// 2. scale the box so its longer side is 20 pixels, keeping the aspect ratio, by area
///    averaging (each output pixel is the mean ink over the canvas area it covers: a box
///    filter, so edges become grey levels — the anti-aliasing);
/// 3. paste it into a 28 × 28 field, shifted by whole pixels so its centre of mass lands as
///    near as possible to (kCentreOfMass, kCentreOfMass), but never so far that ink leaves
///    the field (half-pixel ties go up and left, so a symmetric 20-pixel shape fills rows and
///    columns 4 … 23);
/// 4. clamp to 0 … 1, round to the nearest byte level v / 255 (MNIST's images are bytes, and
///    so is the network's input), and lay out row-major like A⁰: input k = row · 28 + col.
///
/// \param ink a canvas's pixels (h × w, row y, column x), values 0 … 1
/// \return 784 values in 0 … 1; all zero when there is no ink
[[nodiscard]] Eigen::VectorXf prepareDrawing(const Eigen::Ref<const Eigen::MatrixXf>& ink);

/// \brief prepareDrawing() of \p canvas's pixels.
[[nodiscard]] Eigen::VectorXf prepareDrawing(const DigitCanvas& canvas);

/// \brief The mean stroke width of 784 prepared inputs, in MNIST pixels: for each pixel with
/// ink ≥ 0.3 the shorter of its horizontal and vertical runs of such pixels, averaged. MNIST's
/// training digits measure 2.0 at the 1st percentile, 3.5 at the median and 6.7 at the 99th.
[[nodiscard]] float strokeWidth(const Eigen::Ref<const Eigen::VectorXf>& inputs);

/// \brief Why a drawing may read differently from what was meant: short reasons in plain words,
/// most important first, empty when the drawing looks like MNIST's digits. Checks: ink touching
/// the pad's edge, strokes thinner or thicker than nearly all of MNIST's (strokeWidth()), a very
/// small drawing, and a tall, narrow shape read as another digit (a 1 with a flag or a base).
/// \param canvas    the drawing
/// \param inputs    prepareDrawing(canvas)
/// \param predicted the network's reading of it, if any
[[nodiscard]] std::vector<std::string> drawingAdvice(const DigitCanvas& canvas,
                                                     const Eigen::Ref<const Eigen::VectorXf>& inputs,
                                                     std::optional<int> predicted);

} // namespace stepwise::data
