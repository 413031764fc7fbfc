// DrawingPadView: a pad to draw a digit on with the mouse (left button draws, right button
// erases, C clears) and a preview of the 784 inputs the drawing becomes, prepared the way
// MNIST's digits were (data::prepareDrawing) and shown one block per input, exactly.
#pragma once

#include "data/digit_drawing.hpp"
#include "views/colormap.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Window/Event.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace stepwise::views {

/// \brief The drawing pad and the preview of its 784 prepared inputs.
///
/// The pad shows the data::DigitCanvas (280 × 280, ten canvas pixels per MNIST pixel) with a
/// faint guide of the 20 × 20 box a digit is scaled into. The preview shows inputs(): input
/// k = row · 28 + col as block (row, col), coloured by Colormap::grey(0, 1) like A⁰'s digits.
/// Mouse coordinates in events are in the pixel space of setPadRect() and setPreviewRect().
///
/// Thread: UI thread only (holds an sf::Texture).
class DrawingPadView {
public:
    /// \brief Pen radius in canvas pixels: a digit that fills the guide box gets MNIST-like
    /// strokes about two input pixels wide.
    static constexpr float kPenRadius = 11.f;
    /// \brief Eraser radius in canvas pixels.
    static constexpr float kEraserRadius = 24.f;

    /// \brief An empty pad.
    DrawingPadView();
    /// \brief Releases the texture.
    ~DrawingPadView();
    DrawingPadView(const DrawingPadView&) = delete;
    DrawingPadView& operator=(const DrawingPadView&) = delete;

    /// \brief Where the pad goes: the largest square centred in \p rect.
    void setPadRect(const sf::FloatRect& rect);
    /// \brief Where the preview goes: the largest square centred in \p rect, snapped to a
    /// whole number of screen pixels per input where that costs little.
    void setPreviewRect(const sf::FloatRect& rect);
    /// \brief The pad's square, in pixels.
    [[nodiscard]] sf::FloatRect padRect() const { return m_pad; }
    /// \brief The preview's square, in pixels.
    [[nodiscard]] sf::FloatRect previewRect() const { return m_preview; }
    /// \brief The block of input (row, col) in the preview, in pixels.
    [[nodiscard]] sf::FloatRect previewPixelRect(int row, int col) const;
    /// \brief The faint 20 × 20 guide box on the pad, in pixels.
    [[nodiscard]] sf::FloatRect guideRect() const;

    /// \brief Draws the pad and the preview with \p theme's colours and sizes (no titles).
    void draw(sf::RenderTarget& target, const Theme& theme);
    /// \brief Left drag draws, right drag erases (a press must start on the pad), C clears,
    /// hovering the preview shows a tooltip. \return true when the event was used.
    bool handleEvent(const sf::Event& event);

    /// \brief Removes the whole drawing.
    void clear();
    /// \brief Replaces the drawing (test hook, and for a drawing made elsewhere).
    void setCanvas(data::DigitCanvas canvas);
    /// \brief The drawing.
    [[nodiscard]] const data::DigitCanvas& canvas() const { return m_canvas; }
    /// \brief The 784 inputs of the drawing (data::prepareDrawing), recomputed when it changed.
    [[nodiscard]] const Eigen::VectorXf& inputs() const;
    /// \brief A counter that grows with every change of the drawing.
    [[nodiscard]] std::uint64_t version() const { return m_version; }
    /// \brief True while a left or right drag that started on the pad goes on.
    [[nodiscard]] bool dragging() const { return m_mode != Mode::None; }
    /// \brief The map the pad and the preview use: Colormap::grey(0, 1).
    [[nodiscard]] static Colormap colormap() { return Colormap::grey(0.f, 1.f); }
    /// \brief Tooltip of the hovered preview block, e.g. "x[12, 14] = 0.73 (input k = 350)".
    [[nodiscard]] std::optional<std::string> tooltipText() const;

private:
    enum class Mode { None, Draw, Erase };
    [[nodiscard]] Eigen::Vector2f toCanvas(sf::Vector2f point) const;
    void strokeTo(sf::Vector2f point);

    data::DigitCanvas m_canvas;
    std::uint64_t m_version = 1; // bumped by every stroke, clear and setCanvas
    mutable Eigen::VectorXf m_inputs = Eigen::VectorXf::Zero(784);
    mutable std::uint64_t m_inputsVersion = ~std::uint64_t{0};

    sf::FloatRect m_pad{0, 0, 280, 280};
    sf::FloatRect m_preview{0, 300, 224, 224};
    Mode m_mode = Mode::None;
    Eigen::Vector2f m_last{0.f, 0.f};
    sf::Vector2f m_mouse{-1.f, -1.f};

    std::unique_ptr<sf::Texture> m_texture; // created on first draw: needs an OpenGL context
    std::uint64_t m_textureVersion = ~std::uint64_t{0};
};

} // namespace stepwise::views
