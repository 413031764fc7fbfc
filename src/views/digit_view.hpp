// 784-long vectors seen as 28 × 28 images: columns of A0 as handwritten digits with their
// labels and predictions, and rows of W1 (or dW1, or W1_after − W1) as "what hidden neuron i
// looks for" on the diverging map. DigitAtlas is the shared texture the other views reuse.
// Pixel k of an image is row k / 28, column k % 28 (k = row · 28 + col), as in MNIST.
#pragma once

#include "views/view.hpp"
#include "views/colormap.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <SFML/Window/Event.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::views {

/// \brief Side of an MNIST image in pixels: 784 = 28 × 28.
inline constexpr int kDigitSide = 28;

/// \brief A texture holding k images of 28 × 28 pixels, drawn as scaled tiles.
///
/// The texture is created by the first build(), so views holding an atlas can be constructed
/// without an OpenGL context (an sf::Texture needs one even to be constructed).
/// Thread: UI thread only (holds an sf::Texture).
class DigitAtlas {
public:
    /// \brief Colours every column of \p images (784 × k) through \p colormap into the texture.
    void build(const Eigen::Ref<const Eigen::MatrixXf>& images, const Colormap& colormap);
    /// \brief Number of images held.
    [[nodiscard]] int count() const { return m_count; }
    /// \brief Appends image \p index stretched over \p rect to \p triangles (sf::Triangles),
    /// to be drawn with drawTiles().
    void appendTile(sf::VertexArray& triangles, int index, const sf::FloatRect& rect) const;
    /// \brief Draws image \p index stretched over \p rect.
    void drawTile(sf::RenderTarget& target, int index, const sf::FloatRect& rect) const;
    /// \brief Draws \p triangles made by appendTile() with the atlas texture (nothing before build()).
    void drawTiles(sf::RenderTarget& target, const sf::VertexArray& triangles) const;
    /// \brief The texture the tiles come from; null before the first build().
    [[nodiscard]] const sf::Texture* texture() const { return m_texture.get(); }

private:
    static constexpr int kAtlasColumns = 16;
    std::unique_ptr<sf::Texture> m_texture;
    int m_count = 0;
};

/// \brief Pixel rectangle of image pixel (row, col) inside a tile drawn over \p tile.
sf::FloatRect digitPixelRect(const sf::FloatRect& tile, int row, int col);

/// \brief A grid of 28 × 28 images with captions: samples (A0 columns) or weight rows (W1 rows).
///
/// Layout is computed from the rectangle and the theme of the last draw() (Theme::dark()
/// before the first), choosing the number of columns that gives the largest images.
/// Mouse coordinates in events are in the pixel space of setRect().
///
/// Thread: UI thread only.
class DigitView : public View {
public:
    /// \brief What the tiles show.
    enum class Mode {
        Samples,   ///< columns of A0 in grey, captioned "label 5" and "→ 3"
        WeightRows ///< rows of a 10 × 784 weight matrix on the diverging map, captioned "neuron i"
    };

    /// \brief Shows columns of \p images (784 × k, intensities) as digits.
    /// \param images the samples, one 784-pixel column each (a block of A0's columns)
    /// \param labels the true digit of each column (size k), or empty for none
    /// \param predictions the predicted digit of each column (size k), or empty for none;
    ///        a prediction that differs from the label is drawn in the mistake colour with ✗
    /// \param sampleIndices the column index j of each image in A0 (size k) for the tooltip,
    ///        or empty for 0 … k − 1
    /// \param version see MatrixView::setData(): a nonzero counter equal to the last call's
    ///        keeps the texture
    void setSamples(const Eigen::Ref<const Eigen::MatrixXf>& images, std::vector<int> labels,
                    std::vector<int> predictions = {}, std::vector<int> sampleIndices = {},
                    std::uint64_t version = 0);
    /// \brief Shows the rows of \p weights (k × 784, e.g. W1, dW1, W1_after − W1) called \p name.
    /// \param name the tensor's name for the title and tooltip, e.g. "W1" or "W1_after − W1"
    /// \param weights one row of 784 weights per hidden neuron
    /// \param limit the diverging map's limit; empty for max |w| over all rows (one shared legend)
    /// \param version as in setSamples()
    void setWeightRows(std::string name, const Eigen::Ref<const Eigen::MatrixXf>& weights,
                       std::optional<float> limit = std::nullopt, std::uint64_t version = 0);
    /// \brief Colormap of the samples; default Colormap::grey(0, 1) (use grey(0, 255) for raw bytes).
    void setSampleColormap(const Colormap& colormap);
    /// \brief Overrides the title ("A0: the samples" or "W1 rows: what hidden neuron i looks for").
    void setTitle(std::string title) override { m_title = std::move(title); }
    /// \brief One more caption line under each sample image, e.g. "−log 0.62 = 0.48"; empty for none.
    void setExtraCaptions(std::vector<std::string> lines) { m_extraCaptions = std::move(lines); m_layoutValid = false; }
    /// \brief The image outlined by setHighlighted(), if any.
    [[nodiscard]] std::optional<int> highlighted() const { return m_highlighted; }
    /// \brief A shorter title for a panel too narrow for the full one, e.g. the tensor's name.
    void setShortTitle(std::string title) { m_shortTitle = std::move(title); }
    /// \brief Outlines image \p index (the focused sample or neuron); empty for none.
    void setHighlighted(std::optional<int> index) { m_highlighted = index; }

    /// \brief The rectangle the view fits into, in pixels.
    void setRect(const sf::FloatRect& rect) override;
    /// \brief Draws the view with \p theme's colours and sizes.
    void draw(sf::RenderTarget& target, const Theme& theme) override;
    /// \brief Hover (pixel tooltip) and click (takeClickedImage()).
    /// \return true when the pointer is over an image or the click hit one.
    bool handleEvent(const sf::Event& event) override;

    /// \brief What the tiles show now.
    [[nodiscard]] Mode mode() const { return m_mode; }
    /// \brief Number of images.
    [[nodiscard]] int count() const { return static_cast<int>(m_images.cols()); }
    /// \brief The colormap the tiles are drawn with.
    [[nodiscard]] const Colormap& colormap() const { return m_colormap; }
    /// \brief Pixel rectangle of image \p index (empty if out of range).
    [[nodiscard]] sf::FloatRect imageRect(int index) const;
    /// \brief Pixel rectangle of pixel (row, col) of image \p index.
    [[nodiscard]] sf::FloatRect pixelRect(int index, int row, int col) const;
    /// \brief The image under \p point, if any.
    [[nodiscard]] std::optional<int> imageAt(sf::Vector2f point) const;
    /// \brief The caption lines under image \p index, e.g. {"label 5", "→ 3 ✗"} (UTF-8).
    [[nodiscard]] std::vector<std::string> caption(int index) const;
    /// \brief True when image \p index has a prediction that differs from its label.
    [[nodiscard]] bool isMistake(int index) const;
    /// \brief Tooltip of the hovered pixel, e.g. "A0[350, 12] = 0.8314 (row 12, col 14)".
    [[nodiscard]] std::optional<std::string> tooltipText() const;
    /// \brief The image clicked since the last call.
    std::optional<int> takeClickedImage();
    /// \brief The shared legend's colour bar (weight rows only; empty otherwise).
    [[nodiscard]] sf::FloatRect legendRect() const;

private:
    void layout(const Theme& theme) const;
    void ensureLayout() const;
    [[nodiscard]] std::string title() const;
    [[nodiscard]] int captionLines() const;

    Mode m_mode = Mode::Samples;
    std::string m_name = "A0";
    std::string m_title;
    Eigen::MatrixXf m_images; // 784 × k
    std::vector<int> m_labels, m_predictions, m_indices;
    std::uint64_t m_version = 0;
    Colormap m_sampleColormap = Colormap::grey(0.f, 1.f);
    Colormap m_colormap = Colormap::grey(0.f, 1.f);
    std::optional<int> m_highlighted;
    std::vector<std::string> m_extraCaptions;
    std::string m_shortTitle;

    sf::FloatRect m_rect{0, 0, 400, 300};
    Theme m_theme = Theme::dark();
    mutable bool m_layoutValid = false;
    mutable std::vector<sf::FloatRect> m_tiles;
    mutable sf::FloatRect m_legendBar;
    mutable unsigned m_captionSize = 0;
    mutable int m_shownCaptionLines = 0;

    DigitAtlas m_atlas;
    bool m_atlasDirty = true;

    sf::Vector2f m_mouse{-1.f, -1.f};
    std::optional<int> m_clicked;
};

} // namespace stepwise::views
