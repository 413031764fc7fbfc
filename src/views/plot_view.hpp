// PlotView: line plots against the iteration number — the loss curve, train and dev accuracy —
// with axes, tick labels, a legend, reference markers from the paper ("85 % at 500") and
// dashed reference lines, and a hover cursor that reads the values at an iteration.
#pragma once

#include "views/view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <optional>
#include <string>
#include <vector>

namespace stepwise::views {

/// \brief Line plots of series against iteration.
///
/// Layout is computed from the rectangle and the theme of the last draw() (Theme::dark()
/// before the first), so toPixel() and plotArea() answer for what is on screen.
///
/// Thread: UI thread only.
class PlotView : public View {
public:
    /// \brief One line of the plot. x must be ascending (iterations).
    struct Series {
        std::string name;      ///< legend text, e.g. "train", "dev", "loss"
        std::vector<float> x;  ///< iterations
        std::vector<float> y;  ///< values, same size as x; NaN values leave a gap
        int colour = 0;        ///< index into Theme::series
        bool dashed = false;   ///< dashed instead of solid
        bool inLegend = true;  ///< listed in the legend (false: explained elsewhere, e.g. the title)
        bool faded = false;    ///< a ghost: an earlier run, drawn thin and translucent under the live lines
    };
    /// \brief A marked point with a label, e.g. the paper's 85 % at iteration 500.
    struct ReferencePoint {
        float x = 0.f;     ///< iteration
        float y = 0.f;     ///< value
        std::string label; ///< text beside the marker, e.g. "paper: 85 % at 500"
    };
    /// \brief A horizontal dashed line across the plot, e.g. a target accuracy.
    struct ReferenceLine {
        float y = 0.f;     ///< value
        std::string label; ///< text at its right end
    };

    /// \brief The title over the plot, e.g. "Accuracy".
    void setTitle(std::string title) override { m_title = std::move(title); m_layoutValid = false; }
    /// \brief Axis captions (default "iteration" and "").
    void setAxisLabels(std::string x, std::string y);
    /// \brief Replaces every series.
    void setSeries(std::vector<Series> series);
    /// \brief Replaces the reference points; \p legendName is their legend entry ("paper").
    void setReferencePoints(std::vector<ReferencePoint> points, std::string legendName = "paper");
    /// \brief Replaces the horizontal reference lines.
    void setReferenceLines(std::vector<ReferenceLine> lines);
    /// \brief Fixes the y range (e.g. 0 … 1 for accuracy).
    void setYRange(float lower, float upper);
    /// \brief Fits the y range to the data and references (the default), on nice tick values.
    void setAutoYRange();
    /// \brief Fixes the x range (e.g. 0 … the planned number of iterations).
    void setXRange(float lower, float upper);
    /// \brief Fits the x range to the data and references (the default).
    void setAutoXRange();
    /// \brief Writes y values as percentages of 1 ("85 %"), for accuracies.
    void setPercent(bool percent) { m_percent = percent; m_layoutValid = false; }

    /// \brief The series as last set.
    [[nodiscard]] const std::vector<Series>& series() const { return m_series; }
    /// \brief The reference points as last set.
    [[nodiscard]] const std::vector<ReferencePoint>& referencePoints() const { return m_points; }
    /// \brief The rectangle the plot, its axes and legend fit into, in pixels.
    void setRect(const sf::FloatRect& rect) override;
    /// \brief Draws the plot with \p theme's colours and sizes.
    void draw(sf::RenderTarget& target, const Theme& theme) override;
    /// \brief Hover cursor. \return true when the pointer is over the plot area.
    bool handleEvent(const sf::Event& event) override;

    /// \brief The pixel where data point (x, y) is drawn.
    [[nodiscard]] sf::Vector2f toPixel(sf::Vector2f data) const;
    /// \brief The rectangle inside the axes where the lines are drawn.
    [[nodiscard]] sf::FloatRect plotArea() const;
    /// \brief Current x range (lower, upper).
    [[nodiscard]] sf::Vector2f xRange() const;
    /// \brief Current y range (lower, upper).
    [[nodiscard]] sf::Vector2f yRange() const;
    /// \brief The y tick values of the current layout.
    [[nodiscard]] std::vector<float> yTicks() const;
    /// \brief Values at the hovered iteration, e.g. "iteration 500: train 84.1 %, dev 85.3 %".
    [[nodiscard]] std::optional<std::string> tooltipText() const;
    /// \brief Text for value \p y on the y axis and in tooltips (percent when setPercent()).
    [[nodiscard]] std::string formatY(float y, bool precise) const;

private:
    void layout(const Theme& theme) const;
    void ensureLayout() const;
    void computeRanges() const;

    std::string m_title;
    std::string m_xLabel = "iteration";
    std::string m_yLabel;
    std::vector<Series> m_series;
    std::vector<ReferencePoint> m_points;
    std::string m_pointsName = "paper";
    std::vector<ReferenceLine> m_lines;
    std::optional<sf::Vector2f> m_fixedY, m_fixedX;
    bool m_percent = false;

    sf::FloatRect m_rect{0, 0, 600, 400};
    Theme m_theme = Theme::dark();
    mutable bool m_layoutValid = false;
    mutable sf::FloatRect m_area;
    mutable sf::Vector2f m_x{0.f, 1.f}, m_y{0.f, 1.f};
    mutable float m_xStep = 1.f, m_yStep = 0.1f;
    mutable float m_legendTop = 0.f;
    mutable bool m_legendOnTitleLine = true;
    [[nodiscard]] float legendWidth(unsigned size, float gap) const; // every legend entry on one line, px
    mutable unsigned m_legendSize = 0;
    mutable float m_legendSwatch = 2.f; // a legend entry's line sample, in units of its type size // the legend's type: body size, or small when a line of it is too wide
    sf::Vector2f m_mouse{-1.f, -1.f};
};

} // namespace stepwise::views
