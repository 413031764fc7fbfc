// DrawScreen: "draw a digit" — a drawing pad whose prepared 784 inputs become one column of A⁰,
// run forward through the live, training network: the four forward equations with their values,
// which hidden neurons fire and what each adds to the winning class, the prediction bars, and
// the winning neuron's dot product over the drawing. The window shows it on key G.
#pragma once

#include "training/snapshot.hpp"
#include "views/dot_product_view.hpp"
#include "views/drawing_pad_view.hpp"
#include "views/equation_view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::app {

/// \brief The draw-a-digit screen. UI thread only.
///
/// Each update() takes the newest snapshot and, when the drawing or the snapshot's parameters
/// changed, runs the drawn column through the network with the core's equations
/// (core::linearForward, core::activationForward, core::softmax) — so the prediction follows
/// the network while it trains. Nothing here recomputes an equation on its own.
class DrawScreen {
public:
    /// \brief The forward pass of the drawn column: one vector per layer, 1-based like the paper.
    struct Forward {
        std::vector<Eigen::VectorXf> Z; ///< Z[l] for l = 1 … L (Z[0] empty), n_l values each
        std::vector<Eigen::VectorXf> A; ///< A[0] = the 784 inputs, A[l] = g(Z[l]), A[L] = softmax
        long iteration = -1;            ///< the snapshot iteration whose parameters were used
    };

    /// \brief A screen drawing with \p theme.
    explicit DrawScreen(views::Theme theme);

    /// \brief Lays everything out for a \p size px target.
    void setSize(sf::Vector2f size);
    /// \brief Replaces the theme (presenter mode, text scale) and lays everything out again.
    void setTheme(views::Theme theme);
    /// \brief The theme in use.
    [[nodiscard]] const views::Theme& theme() const { return m_theme; }

    /// \brief Follows \p snapshot (call once per frame): recomputes the forward pass when the
    /// drawing or the parameters changed. The screen keeps no reference to the snapshot.
    void update(const training::TrainingSnapshot& snapshot);
    /// \brief Draws the whole screen.
    void draw(sf::RenderTarget& target);
    /// \brief Mouse on the pad (left draws, right erases), hover on the preview, the hidden
    /// neurons (a click picks the neuron whose dot product is shown) and the dot-product map,
    /// and key C (clears). \return true when the event was used.
    bool handleEvent(const sf::Event& event);

    /// \brief Removes the drawing.
    void clear();
    /// \brief Replaces the drawing (test hook; the inputs follow through data::prepareDrawing).
    void setCanvas(data::DigitCanvas canvas);
    /// \brief The 784 prepared inputs: the drawn column of A⁰ (all zero without a drawing).
    [[nodiscard]] const Eigen::VectorXf& inputs() const { return m_pad.inputs(); }
    /// \brief The most probable class of the last forward pass; empty without a drawing or
    /// before the first update().
    [[nodiscard]] std::optional<int> prediction() const;
    /// \brief Why the drawing may be misread (data::drawingAdvice), shown under the title.
    [[nodiscard]] const std::vector<std::string>& advice() const { return m_advice; }
    /// \brief The last forward pass (empty vectors before the first update()).
    [[nodiscard]] const Forward& forward() const { return m_forward; }
    /// \brief The hidden neuron whose dot product is shown: the one clicked, else the firing
    /// neuron adding most to the winning class's Z²; empty when none fires.
    [[nodiscard]] std::optional<int> focusNeuron() const;

    /// \brief True in the compact layout (few lines of body text fit across, e.g. a projector's
    /// 28 px text at 1280 × 720): no captions, standing prediction bars, no dot-product panel.
    [[nodiscard]] bool compact() const { return m_compact; }
    /// \brief The drawing pad (for tests: pad and preview rectangles).
    [[nodiscard]] const views::DrawingPadView& pad() const { return m_pad; }
    /// \brief Rectangle of the bar of class \p k in the prediction panel (empty before layout).
    [[nodiscard]] sf::FloatRect predictionBarRect(int k) const;
    /// \brief Rectangle of the circle of hidden neuron \p j (empty when not drawn).
    [[nodiscard]] sf::FloatRect hiddenNeuronRect(int j) const;
    /// \brief Rectangles of the panels by name ("pad", "preview", "forward", "predictions",
    /// "hidden", "dot"), for tests and layout checks. "dot" is empty in the compact layout.
    [[nodiscard]] std::vector<std::pair<std::string, sf::FloatRect>> panelRects() const;

private:
    void layout();
    void recompute(const training::TrainingSnapshot& snapshot);
    void drawHeader(sf::RenderTarget& target);
    void drawForward(sf::RenderTarget& target);
    void drawPredictions(sf::RenderTarget& target);
    void drawHidden(sf::RenderTarget& target);
    void drawPanelTitle(sf::RenderTarget& target, const sf::FloatRect& panel, const std::string& title,
                        const std::string& caption = {});
    [[nodiscard]] float panelTitleHeight(bool withCaption) const;
    [[nodiscard]] unsigned panelTitleSize() const;

    views::Theme m_theme;
    sf::Vector2f m_size{1920.f, 1080.f};

    views::DrawingPadView m_pad;
    views::DotProductView m_dot;
    std::array<views::EquationView, 4> m_equations; // forward.z1, forward.a1, forward.z2, forward.a2
    std::array<std::string, 4> m_equationIds;

    // What the last forward pass used: recompute when either changes.
    std::uint64_t m_inputsVersion = 0;
    core::Parameters m_parameters;
    core::NetworkConfig m_config;
    views::Palette m_palette = views::Palette::PurpleOrange; // palette of the last recompute (K changes it)
    bool m_haveNetwork = false;
    bool m_dirty = true; // recompute on the next update() (a neuron was picked)
    bool m_clothes = false; // the data has class names (Fashion-MNIST): the title says the pad draws digits only
    Forward m_forward;
    std::string m_status;
    std::optional<int> m_pickedNeuron;
    std::vector<std::string> m_advice; // data::drawingAdvice of the drawing, newest first

    bool m_compact = false; // few lines of text fit across: see layout()
    sf::FloatRect m_header, m_padPanel, m_previewPanel, m_forwardPanel, m_predictionPanel, m_hiddenPanel, m_dotPanel;
    sf::Vector2f m_mouse{-1.f, -1.f};
};

} // namespace stepwise::app
