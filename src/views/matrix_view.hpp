// MatrixView: one named tensor (W1, b1, Z1, A2, …) as a heatmap with a title, a shape badge,
// a colour legend, row/column indices, a hover tooltip with the exact value, wheel zoom and
// drag pan, a column window for the m sample columns, highlights and a dimmed state.
// The cells are one texture rebuilt only when the data changes, so W1's 7,840 cells draw fast.
#pragma once

#include "views/view.hpp"
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
#include <utility>
#include <vector>

namespace stepwise::views {

/// \brief Draws a named matrix as a heatmap into a rectangle.
///
/// The view copies the data it is given, so the caller's buffer may change or vanish after
/// setData(). Row and column indices in this API are those of the full matrix, also when a
/// column window shows only some of its columns.
///
/// Layout is computed from the rectangle and the theme of the last draw() (Theme::dark()
/// before the first draw), so cellRect() and cellAt() answer for what is on screen.
/// Mouse coordinates in events are taken in the same pixel space as setRect().
///
/// Thread: UI thread only (holds an sf::Texture).
class MatrixView : public View {
public:
    /// \brief What a highlight outlines.
    struct Highlight {
        /// \brief The shape of the outline.
        enum class Kind {
            Cell,  ///< one cell (row, column)
            Row,   ///< a whole row (column ignored)
            Column ///< a whole column (row ignored)
        };
        Kind kind = Kind::Cell; ///< what is outlined
        int row = 0;            ///< row index (Cell, Row)
        int column = 0;         ///< column index in the full matrix (Cell, Column)

        /// \brief Outline of cell (row, column).
        static Highlight cell(int row, int column) { return {Kind::Cell, row, column}; }
        /// \brief Outline of row \p row.
        static Highlight wholeRow(int row) { return {Kind::Row, row, 0}; }
        /// \brief Outline of column \p column.
        static Highlight wholeColumn(int column) { return {Kind::Column, 0, column}; }
    };

    /// \brief An empty view; call setData() before drawing anything useful.
    MatrixView() = default;
    /// \brief A view of \p data called \p name; see setData().
    MatrixView(std::string name, const Eigen::Ref<const Eigen::MatrixXf>& data, std::uint64_t version = 0);

    /// \brief Shows \p data (any shape, NaN and ±∞ allowed) under the name \p name ("Z1").
    ///
    /// \param name the tensor's name for the title and tooltips, e.g. "Z1"
    /// \param data the values; copied
    /// \param version a counter the caller bumps whenever the values change. When it is not 0
    ///        and equals the previous call's version (same name and shape), nothing is copied
    ///        and the texture is kept. 0 means "unknown": always copy and rebuild.
    void setData(std::string name, const Eigen::Ref<const Eigen::MatrixXf>& data, std::uint64_t version = 0);

    /// \brief Shows only columns first … first + count − 1 (for the m sample columns of A0, Z1, …).
    /// The shape badge then says which columns are shown. Clamped to the data.
    void setColumnWindow(int first, int count);
    /// \brief Shows every column again (at most sf::Texture::getMaximumSize() of them).
    void clearColumnWindow();
    /// \brief Says the tensor has \p total columns of which the data holds the first ones (A0's
    /// 256 of 41,000, say), so the shape badge gives the tensor's shape; 0 means the data's own.
    void setTotalColumns(long total) { m_totalColumns = total; }

    /// \brief Uses \p colormap as given (a fixed limit or a sequential range).
    void setColormap(const Colormap& colormap);
    /// \brief Uses a diverging map with limit max |v| over the whole matrix (the default).
    void setAutoColormap();
    /// \brief The colormap in use now.
    [[nodiscard]] const Colormap& colormap() const { return m_colormap; }

    /// \brief Writes values into cells big enough to hold them (about 40 px and more). Default on.
    void setCellLabels(bool enabled) { m_cellLabels = enabled; }
    /// \brief Replaces the outlined cells, rows and columns.
    void setHighlights(std::vector<Highlight> highlights) { m_highlights = std::move(highlights); }
    /// \brief Removes all highlights.
    void clearHighlights() { m_highlights.clear(); }
    /// \brief The highlights as last set.
    [[nodiscard]] const std::vector<Highlight>& highlights() const { return m_highlights; }
    /// \brief Draws the view faded into the panel colour, for tensors not in play yet.
    void setDimmed(bool dimmed) { m_dimmed = dimmed; }
    /// \brief Overrides the title (default: the tensor name), e.g. "Z1 = W1·A0 + b1".
    void setTitle(std::string title) override { m_title = std::move(title); }

    /// \brief The rectangle the whole view (title, badge, grid, legend) fits into, in pixels.
    void setRect(const sf::FloatRect& rect) override;
    /// \brief The rectangle set by setRect().
    [[nodiscard]] const sf::FloatRect& rect() const { return m_rect; }

    /// \brief Draws the view with \p theme's colours and sizes.
    void draw(sf::RenderTarget& target, const Theme& theme) override;

    /// \brief Hover, wheel zoom (about the pointer), left-drag pan and click.
    /// \return true when the event was used by this view (the pointer is over the cells or a
    ///         drag started here is going on).
    bool handleEvent(const sf::Event& event) override;
    /// \brief Back to the whole (windowed) matrix fitted into the rectangle.
    void resetZoom();
    /// \brief Zooms by \p factor about the pixel \p focus (what the mouse wheel does).
    void zoomAt(sf::Vector2f focus, float factor);
    /// \brief The zoom factor: 1 when the whole matrix fits.
    [[nodiscard]] float zoom() const { return m_zoom; }

    /// \brief The cell under pixel \p point as (row, column), if any cell is drawn there.
    [[nodiscard]] std::optional<std::pair<int, int>> cellAt(sf::Vector2f point) const;
    /// \brief Pixel rectangle of cell (row, column) at the current zoom and pan; it may lie
    /// outside the grid when scrolled away. Empty for cells outside the column window.
    [[nodiscard]] sf::FloatRect cellRect(int row, int column) const;
    /// \brief The area the cells are drawn in.
    [[nodiscard]] sf::FloatRect gridRect() const;
    /// \brief The colour bar of the legend (empty when the rectangle had no room for it).
    [[nodiscard]] sf::FloatRect legendRect() const;

    /// \brief The hovered cell, if the pointer is over one.
    [[nodiscard]] std::optional<std::pair<int, int>> hoveredCell() const { return m_hover; }
    /// \brief The cell clicked (pressed and released without dragging) since the last call.
    std::optional<std::pair<int, int>> takeClickedCell();
    /// \brief Tooltip of the hovered cell, e.g. "Z1[3, 7] = −0.4127" (UTF-8); empty when none.
    [[nodiscard]] std::optional<std::string> tooltipText() const;
    /// \brief The shape badge, e.g. "10 × 784" or "10 × 41,000, showing columns 0–15" (UTF-8);
    /// \p brief gives the shape alone ("10 × 41,000"), which a short panel puts beside the title
    /// rather than spend a line on the full badge (the column labels show the window).
    [[nodiscard]] std::string badgeText(bool brief = false) const;
    /// \brief Whether the last layout chose the brief badge.
    [[nodiscard]] bool badgeIsBrief() const { ensureLayout(); return m_layout.briefBadge; }

    /// \brief Tensor name given to setData().
    [[nodiscard]] const std::string& name() const { return m_name; }
    /// \brief Rows of the data.
    [[nodiscard]] int rows() const { return static_cast<int>(m_data.rows()); }
    /// \brief Columns of the data (all of them, not only the window).
    [[nodiscard]] int columns() const { return static_cast<int>(m_data.cols()); }
    /// \brief The value of cell (\p row, \p column) of the full matrix, as given to setData();
    /// NaN when the cell lies outside the data (check rows() and columns() to tell the two apart).
    [[nodiscard]] float value(int row, int column) const;
    /// \brief First column shown.
    [[nodiscard]] int windowFirst() const;
    /// \brief Number of columns shown.
    [[nodiscard]] int windowCount() const;

private:
    struct Layout {
        sf::FloatRect title;      // title line box
        sf::FloatRect badge;      // badge box (may sit on a second line)
        bool briefBadge = false;  // the badge gives the shape only
        sf::FloatRect gridArea;   // where the cells may go
        sf::FloatRect grid;       // where they go at zoom 1
        sf::FloatRect legendBar;  // colour bar, empty when dropped
        float legendLabelTop = 0; // top of the legend numbers
        bool rowLabels = false, columnLabels = false;
        sf::Vector2f baseCell;    // cell size at zoom 1
        sf::Vector2f maxZoom{1.f, 1.f};
    };
    struct Visible {
        float x0 = 0, y0 = 0;     // first visible column / row in window texel units (fractional)
        float scaleX = 1, scaleY = 1; // pixels per cell
    };

    void layout(const Theme& theme) const;
    void ensureLayout() const;
    void rebuildTexture();
    [[nodiscard]] Visible visible() const;
    void clampCentre();
    [[nodiscard]] sf::Vector2f effectiveZoom() const;
    void drawCells(sf::RenderTarget& target, const Theme& theme, const Visible& v);
    void drawIndexLabels(sf::RenderTarget& target, const Theme& theme, const Visible& v);
    void drawCellLabels(sf::RenderTarget& target, const Theme& theme, const Visible& v);
    void drawHighlights(sf::RenderTarget& target, const Theme& theme);
    void drawLegend(sf::RenderTarget& target, const Theme& theme);
    void drawTooltip(sf::RenderTarget& target, const Theme& theme);

    std::string m_name;
    long m_totalColumns = 0; // the tensor's columns when the data holds only its first ones
    std::string m_title;
    Eigen::MatrixXf m_data;
    std::uint64_t m_version = 0;
    bool m_hasNonFinite = false;

    std::optional<std::pair<int, int>> m_window; // first, count
    bool m_autoColormap = true;
    Colormap m_colormap;
    bool m_cellLabels = true;
    std::vector<Highlight> m_highlights;
    bool m_dimmed = false;

    sf::FloatRect m_rect{0, 0, 400, 300};
    Theme m_theme = Theme::dark();
    mutable bool m_layoutValid = false;
    mutable Layout m_layout;

    std::unique_ptr<sf::Texture> m_texture; // created on first draw: needs an OpenGL context
    bool m_textureOpaque = false; // every cell colour has alpha 255: the grid is drawn without blending
    bool m_textureDirty = true;

    float m_zoom = 1.f;
    sf::Vector2f m_centre{0.5f, 0.5f}; // visible centre as a fraction of the window's width and height
    bool m_pressed = false;
    bool m_dragged = false;
    sf::Vector2f m_pressPoint;
    sf::Vector2f m_lastMouse{-1.f, -1.f};
    std::optional<std::pair<int, int>> m_hover;
    std::optional<std::pair<int, int>> m_clicked;
};

} // namespace stepwise::views
