// NetworkView: the 784 → 10 → 10 network for one focused sample. The input is the sample's
// 28 × 28 digit; each hidden neuron shows what it looks for (its W1 row as a 28 × 28 thumbnail
// — 784 edges per neuron would be a hairball) and its activation; hidden → output edges are
// coloured and thickened by W2; outputs show their probabilities and the predicted digit.
#pragma once

#include "views/view.hpp"
#include "views/colormap.hpp"
#include "views/digit_view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>

namespace stepwise::views {

/// \brief Diagram of the network for one sample: input digit, hidden and output neurons.
///
/// Hidden circles are coloured by A1 on viridis over 0 … max A1 (a diverging map when some A1
/// is negative, e.g. with tanh); output circles by A2 on viridis over 0 … 1. Edge (o, h) has
/// the diverging colour of W2[o, h] (limit max |W2|), a width growing with |W2[o, h]| and an
/// opacity fading weak edges out. Layout follows the theme of the last draw() (Theme::dark()
/// before the first).
///
/// Thread: UI thread only.
class NetworkView : public View {
public:
    /// \brief The weights: \p W1 (n1 × 784) drawn as thumbnails, \p W2 (n2 × n1) as edges.
    /// \p version as in MatrixView::setData().
    void setWeights(const Eigen::Ref<const Eigen::MatrixXf>& W1, const Eigen::Ref<const Eigen::MatrixXf>& W2,
                    std::uint64_t version = 0);
    /// \brief The focused sample: its pixels \p a0 (784, 0 … 1), hidden activations \p a1 (n1),
    /// output probabilities \p a2 (n2), and optionally its label and column index j in A0.
    void setSample(const Eigen::Ref<const Eigen::VectorXf>& a0, const Eigen::Ref<const Eigen::VectorXf>& a1,
                   const Eigen::Ref<const Eigen::VectorXf>& a2, std::optional<int> label = std::nullopt,
                   std::optional<int> sampleIndex = std::nullopt);
    /// \brief The focused sample's column index j in A0, as setSample() gave it.
    [[nodiscard]] std::optional<int> sampleIndex() const { return m_index; }
    /// \brief Name of the hidden activation for the column header (default "ReLU").
    void setHiddenActivation(std::string name) { m_activation = std::move(name); }
    /// \brief Outlines hidden neuron \p i (the one a lesson step talks about); empty for none.
    void setHighlightedHidden(std::optional<int> i) { m_highlightHidden = i; }

    /// \brief The rectangle the diagram fits into, in pixels.
    void setRect(const sf::FloatRect& rect) override;
    /// \brief Draws the diagram with \p theme's colours and sizes.
    void draw(sf::RenderTarget& target, const Theme& theme) override;
    /// \brief Hover over neurons and thumbnails. \return true when over one of them.
    bool handleEvent(const sf::Event& event) override;

    /// \brief Index of the largest output probability (−1 without outputs).
    [[nodiscard]] int predicted() const;
    /// \brief Centre of hidden neuron \p i.
    [[nodiscard]] sf::Vector2f hiddenCentre(int i) const;
    /// \brief Centre of output neuron \p o.
    [[nodiscard]] sf::Vector2f outputCentre(int o) const;
    /// \brief Radius of the neuron circles.
    [[nodiscard]] float neuronRadius() const;
    /// \brief Where the input digit is drawn.
    [[nodiscard]] sf::FloatRect inputRect() const;
    /// \brief Where hidden neuron \p i's W1 thumbnail is drawn.
    [[nodiscard]] sf::FloatRect thumbnailRect(int i) const;
    /// \brief Fill colour of hidden neuron \p i.
    [[nodiscard]] sf::Color hiddenColor(int i) const;
    /// \brief Fill colour of output neuron \p o.
    [[nodiscard]] sf::Color outputColor(int o) const;
    /// \brief Colour (with opacity) of the edge from hidden \p h to output \p o.
    [[nodiscard]] sf::Color edgeColor(int o, int h) const;
    /// \brief Width in pixels of the edge from hidden \p h to output \p o.
    [[nodiscard]] float edgeWidth(int o, int h) const;
    /// \brief Map of the W1 thumbnails (limit max |W1|).
    [[nodiscard]] const Colormap& weightColormap() const { return m_w1Map; }
    /// \brief Tooltip of the hovered neuron or thumbnail (UTF-8), empty when none.
    [[nodiscard]] std::optional<std::string> tooltipText() const;

private:
    void layout(const Theme& theme) const;
    void ensureLayout() const;
    [[nodiscard]] int hiddenCount() const { return static_cast<int>(m_a1.size()); }
    [[nodiscard]] int outputCount() const { return static_cast<int>(m_a2.size()); }

    Eigen::MatrixXf m_W1t;   // 784 × n1 (rows of W1 as columns, for the atlas)
    Eigen::MatrixXf m_W2;    // n2 × n1
    Eigen::VectorXf m_a0 = Eigen::VectorXf::Zero(784);
    Eigen::VectorXf m_a1, m_a2;
    std::optional<int> m_label, m_index;
    std::optional<int> m_highlightHidden;
    std::string m_activation = "ReLU";
    std::uint64_t m_version = 0;
    Colormap m_w1Map, m_w2Map, m_a1Map;
    DigitAtlas m_thumbnails, m_input;
    bool m_weightsDirty = true, m_inputDirty = true;

    sf::FloatRect m_rect{0, 0, 900, 500};
    Theme m_theme = Theme::dark();
    mutable bool m_layoutValid = false;
    mutable sf::FloatRect m_inputRect;
    mutable float m_thumbX = 0.f, m_thumbSize = 0.f, m_hiddenX = 0.f, m_outputX = 0.f, m_radius = 0.f;
    mutable float m_rowsTop = 0.f, m_rowsHeight = 0.f, m_headerY = 0.f, m_summaryY = 0.f;
    sf::Vector2f m_mouse{-1.f, -1.f};
};

} // namespace stepwise::views
