// EquationSheet: the cheat-sheet, every equation of one iteration of a network typeset on one
// page with its shape rule, in three columns (forward pass and loss, backward pass, update).
// It reads core's catalogue and adds nothing to it, so the window's overlay (key T), the export's
// cheatsheet.png and the docs show the same equations the stepper runs.
#pragma once

#include "core/equation_catalogue.hpp"
#include "views/equation_view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include <string>
#include <vector>

namespace stepwise::views {

/// \brief The three columns of the sheet, by the equation id's prefix.
enum class SheetColumn { ForwardAndLoss, Backward, Update };

/// \brief Which column an equation goes in ("forward.z1" and "loss.ce": ForwardAndLoss, …).
SheetColumn sheetColumn(const core::Equation& equation);

/// \brief One page of all the equations of a network, fitted into a rectangle.
///
/// Example: `EquationSheet sheet; sheet.set(config, theme, {0, 0, 1920, 1080}); sheet.draw(window);`
/// set() rebuilds the typeset equations only when the network, the theme's sizes or the
/// rectangle changed, so calling it every frame is cheap. Thread: UI thread only.
class EquationSheet {
public:
    /// \brief Lays out the equations of \p config in \p area, with the largest equation size
    /// (at most 1.8 × the theme's equationSize, at least 10 px) at which every column fits.
    void set(const core::NetworkConfig& config, const Theme& theme, sf::FloatRect area);
    /// \brief Draws the frame, the title, the column headings and every equation with its shape.
    void draw(sf::RenderTarget& target) const;

    /// \brief The title line, e.g. "Cheat-sheet: the 17 equations of one iteration".
    [[nodiscard]] const std::string& title() const { return m_title; }
    /// \brief The line under it: which network, and what m is.
    [[nodiscard]] const std::string& subtitle() const { return m_subtitle; }
    /// \brief Each equation's shape rule, in the same order as equations().
    [[nodiscard]] const std::vector<std::string>& shapes() const { return m_shapes; }
    /// \brief Where each shape rule is drawn (the top-left corner of its first line; a long rule
    /// wraps onto a second line).
    [[nodiscard]] const std::vector<sf::Vector2f>& shapePlaces() const { return m_shapePlaces; }
    /// \brief The equations in catalogue order, as laid out (their TeX and place), in text style
    /// so that fractions and sums stay compact.
    [[nodiscard]] const std::vector<EquationView>& equations() const { return m_views; }
    /// \brief The ids, in the same order as equations().
    [[nodiscard]] const std::vector<std::string>& ids() const { return m_ids; }
    /// \brief The equation size the sheet settled on (px).
    [[nodiscard]] float equationSize() const { return m_size; }
    /// \brief The rectangle the sheet fills.
    [[nodiscard]] sf::FloatRect area() const { return m_area; }

private:
    bool layout(float size); // true when every column fits at this size

    std::string m_key; // what the layout was made for
    Theme m_theme;
    sf::FloatRect m_area;
    std::string m_title, m_subtitle;
    std::vector<std::string> m_ids, m_shapes;
    std::vector<sf::Vector2f> m_shapePlaces;
    std::vector<std::vector<std::string>> m_shapeLines; // each shape rule, wrapped to its column
    std::vector<SheetColumn> m_columns;
    std::vector<EquationView> m_views;
    std::vector<sf::Vector2f> m_headings; // top-left of each column's heading
    float m_size = 0.f;
    unsigned m_shapeSize = 10;   // px of the shape lines
    unsigned m_headingSize = 18; // px of the column headings
};

} // namespace stepwise::views
