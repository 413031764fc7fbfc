// How the trained network errs: a 10 × 10 confusion matrix (actual rows × predicted columns,
// counts written in the cells) and a prediction gallery like the paper's Results table —
// a row of digit images with an "Actual" row and a "Predict" row under them, mistakes marked.
#pragma once

#include "views/view.hpp"
#include "views/colormap.hpp"
#include "views/digit_view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <Eigen/Core>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stepwise::views {

/// \brief Counts of (actual, predicted) pairs: result(a, p) is how many samples of digit a were
/// predicted as p. Shape classes × classes. Pairs with a value outside 0 … classes − 1 are skipped.
/// Thread: any.
Eigen::MatrixXi confusionCounts(const std::vector<int>& actual, const std::vector<int>& predicted, int classes = 10);

/// \brief A confusion matrix: rows are the actual digit, columns the predicted one.
///
/// Cell colour is viridis of √(count / largest count), so the few mistakes still show beside
/// a diagonal of hundreds; the legend is labelled in counts accordingly. Each cell shows its
/// count when it fits. Hovering a cell gives "actual 4, predicted 9: 12 (2.9 % of the 4s)".
///
/// Thread: UI thread only.
class ConfusionView : public View {
public:
    /// \brief Shows \p counts (classes × classes, from confusionCounts()) of the set called
    /// \p setName ("dev", "train"; may be empty).
    void setCounts(const Eigen::Ref<const Eigen::MatrixXi>& counts, std::string setName = {});
    /// \brief Names of the classes (Fashion-MNIST's "Trouser", …): the rows then read "1 Trouser",
    /// and the tooltip names both classes. Empty (the default): the classes are digits.
    void setClassNames(std::vector<std::string> names);
    /// \brief The rectangle the view fits into, in pixels.
    void setRect(const sf::FloatRect& rect) override;
    /// \brief Draws the view with \p theme's colours and sizes.
    void draw(sf::RenderTarget& target, const Theme& theme) override;
    /// \brief Hover for the tooltip. \return true when the pointer is over a cell.
    bool handleEvent(const sf::Event& event) override;

    /// \brief Fraction of samples on the diagonal (NaN when there are none).
    [[nodiscard]] double accuracy() const;
    /// \brief Pixel rectangle of cell (actual, predicted); layout of the last draw (dark theme before).
    [[nodiscard]] sf::FloatRect cellRect(int actual, int predicted) const;
    /// \brief The colour cell (actual, predicted) is filled with.
    [[nodiscard]] sf::Color cellColor(int actual, int predicted) const;
    /// \brief The cell under \p point as (actual, predicted), if any.
    [[nodiscard]] std::optional<std::pair<int, int>> cellAt(sf::Vector2f point) const;
    /// \brief Tooltip of the hovered cell (UTF-8), empty when none.
    [[nodiscard]] std::optional<std::string> tooltipText() const;

private:
    void layout(const Theme& theme) const;
    void ensureLayout() const;
    [[nodiscard]] int classes() const { return static_cast<int>(m_counts.rows()); }
    [[nodiscard]] std::string className(int k) const; // "4", or "4 Coat" with names
    [[nodiscard]] std::string rowLabel(int k) const;  // the row's label: the digit, or "4 Coat"

    Eigen::MatrixXi m_counts = Eigen::MatrixXi::Zero(10, 10);
    std::vector<std::string> m_names;
    std::string m_setName;
    int m_max = 0;

    sf::FloatRect m_rect{0, 0, 400, 400};
    Theme m_theme = Theme::dark();
    mutable bool m_layoutValid = false;
    mutable sf::FloatRect m_grid;
    mutable float m_cell = 0.f;
    mutable sf::FloatRect m_legendBar;
    mutable float m_headerBottom = 0.f;
    sf::Vector2f m_mouse{-1.f, -1.f};
};

/// \brief The paper's Results table: k digit images, the actual digit under each, then the
/// predicted digit; columns where they differ are framed in the mistake colour and marked ✗.
///
/// Thread: UI thread only.
class PredictionGalleryView : public View {
public:
    /// \brief Shows the columns of \p images (784 × k, intensities 0 … 1) with their
    /// \p actual and \p predicted digits (both size k).
    void setSamples(const Eigen::Ref<const Eigen::MatrixXf>& images, std::vector<int> actual, std::vector<int> predicted);
    /// \brief Names of the classes, shown instead of the numbers (shortened to fit a column);
    /// empty (the default): the classes are digits.
    void setClassNames(std::vector<std::string> names);
    /// \brief Overrides the title (default "Predictions").
    void setTitle(std::string title) override { m_title = std::move(title); }
    /// \brief The rectangle the view fits into, in pixels.
    void setRect(const sf::FloatRect& rect) override;
    /// \brief Draws the view with \p theme's colours and sizes.
    void draw(sf::RenderTarget& target, const Theme& theme) override;

    /// \brief The text under column \p index (layout of the last draw): its actual class, or with
    /// \p predicted its predicted one; a name is shortened to fit, a wrong digit gets ✗.
    [[nodiscard]] std::string labelText(int index, bool predicted) const;
    /// \brief Number of columns whose prediction differs from the actual digit.
    [[nodiscard]] int mistakes() const;
    /// \brief Pixel rectangle of image \p index (layout of the last draw, dark theme before).
    [[nodiscard]] sf::FloatRect imageRect(int index) const;
    /// \brief Rectangle of the whole column \p index: image, actual and predicted digit.
    [[nodiscard]] sf::FloatRect columnRect(int index) const;

private:
    void layout(const Theme& theme) const;
    void ensureLayout() const;

    Eigen::MatrixXf m_images;
    std::vector<int> m_actual, m_predicted;
    std::vector<std::string> m_names;
    [[nodiscard]] std::string label(int k) const; // the digit, or the class name
    std::string m_title = "Predictions";
    sf::FloatRect m_rect{0, 0, 800, 300};
    Theme m_theme = Theme::dark();
    mutable bool m_layoutValid = false;
    mutable std::vector<sf::FloatRect> m_tiles;
    mutable std::vector<sf::FloatRect> m_columns;
    mutable float m_labelX = 0.f;
    mutable bool m_legendLine = false; // a narrow panel: one legend line instead of the label column
    [[nodiscard]] float actualY(std::size_t j) const;  // centre of image j's actual label
    [[nodiscard]] float predictY(std::size_t j) const; // centre of its predicted label
    mutable unsigned m_digitSize = 0;
    mutable float m_pitch = 0.f; // distance between column centres
    DigitAtlas m_atlas;
    bool m_atlasDirty = true;
};

} // namespace stepwise::views
