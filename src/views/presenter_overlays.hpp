// The presenter's visual tools, drawn over a finished frame: a Spotlight that dims everything
// but the view under discussion, a LaserPointer dot for the remote's laser key, and a Magnifier
// lens that enlarges the cells of a MatrixView around the pointer and prints the exact value.
// Animations are driven by explicit advance(seconds) calls, so they are testable without clocks.
// Thread: UI thread only (all three draw with SFML).
#pragma once

#include "views/matrix_view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/System/Vector2.hpp>

#include <optional>
#include <string>
#include <vector>

namespace stepwise::views {

/// \brief The rectangle a render target's current view shows, in the target's pixel space
/// (what an overlay must cover or stay inside). UI thread only.
sf::FloatRect visibleArea(const sf::RenderTarget& target);

// ---------------------------------------------------------------- Spotlight

/// \brief Dims everything except one rectangle (the view under discussion) and frames it.
///
/// A translucent black layer covers the whole target except a hole slightly larger than the
/// target rectangle; a bright frame in the theme's highlight colour sits just outside the hole.
/// Pixels inside the target rectangle are left untouched.
///
/// Animation: setTarget() from "none" fades the layer in over fadeSeconds with an ease-in-out
/// curve; setTarget(std::nullopt) fades it out; a new rectangle while shown slides the hole
/// from where it is to the new place over the same time. advance() moves the animation on.
///
/// Wiring: call setTarget() when the spotlight is toggled or the view under discussion changes
/// (also after a relayout), advance(frameSeconds) once per frame, and draw() last, after every
/// view (before the laser pointer). Thread: UI thread only.
class Spotlight {
public:
    /// \brief Length of the fade in, the fade out and the slide to a new target (seconds).
    static constexpr float fadeSeconds = 0.25f;
    /// \brief Opacity of the dark layer when fully shown: outside pixels keep 38 % of their light.
    static constexpr float dimOpacity = 0.62f;

    /// \brief Spotlights \p rect (pixels, the same space the views are laid out in), or turns
    /// the spotlight off with std::nullopt. Setting the rectangle already targeted does nothing.
    void setTarget(std::optional<sf::FloatRect> rect);
    /// \brief The rectangle last given to setTarget(), if any.
    [[nodiscard]] const std::optional<sf::FloatRect>& target() const { return m_target; }

    /// \brief Moves the animation on by \p seconds (negative values count as 0).
    void advance(float seconds);
    /// \brief Jumps to the end of the running animation (for screenshots and tests).
    void finish();

    /// \brief Opacity of the dark layer now: 0 (off) … dimOpacity (fully shown).
    [[nodiscard]] float opacity() const;
    /// \brief True while anything is drawn (shown or still fading out).
    [[nodiscard]] bool visible() const { return opacity() > 0.f; }
    /// \brief True while a fade or slide is running: the app should keep drawing frames.
    [[nodiscard]] bool animating() const;
    /// \brief The rectangle the view is spotlighted with now (slides during a move), before the
    /// margin that makes the hole.
    [[nodiscard]] sf::FloatRect currentRect() const;
    /// \brief The undimmed hole on a target \p targetHeight px tall: currentRect() grown by a
    /// margin of 6 px at 1080 lines. The frame lies outside it.
    [[nodiscard]] sf::FloatRect hole(float targetHeight) const;
    /// \brief Width of the frame around the hole on a target \p targetHeight px tall (px).
    [[nodiscard]] static float frameWidth(float targetHeight);

    /// \brief Draws the dark layer over the target's visible area and the frame around the
    /// hole; draws nothing when not visible(). UI thread only.
    void draw(sf::RenderTarget& target, const Theme& theme) const;

private:
    std::optional<sf::FloatRect> m_target;
    sf::FloatRect m_from;     // where the hole slides from
    sf::FloatRect m_to;       // where it slides to (kept while fading out)
    float m_slide = 1.f;      // 0 … 1 progress of the slide
    float m_level = 0.f;      // 0 … 1 linear progress of the fade
};

// ---------------------------------------------------------------- LaserPointer

/// \brief A large, bright red dot with a soft glow, drawn at a position, with an optional short
/// fading trail.
///
/// The dot is saturated red (coreColor()) inside a thin white ring and a red glow, so it reads
/// on the white projector background, on the dark theme and on the heatmaps' orange and purple.
/// Its radius is coreRadius(): 16 px at 1080 lines, scaled with the target's height.
///
/// Wiring: setPosition(mouse position) on every MouseMoved while the laser key is held and
/// setPosition(std::nullopt) when it is released; advance(frameSeconds) once per frame (ages
/// the trail); draw() last of all. Thread: UI thread only.
class LaserPointer {
public:
    /// \brief How long a trail point stays visible (seconds).
    static constexpr float trailSeconds = 0.35f;

    /// \brief Puts the dot at \p position (pixels), or hides it with std::nullopt (the trail
    /// then fades away on its own).
    void setPosition(std::optional<sf::Vector2f> position);
    /// \brief Where the dot is, if shown.
    [[nodiscard]] const std::optional<sf::Vector2f>& position() const { return m_position; }
    /// \brief Turns the fading trail on or off (default on).
    void setTrail(bool enabled);
    /// \brief Ages the trail by \p seconds and drops points older than trailSeconds.
    void advance(float seconds);
    /// \brief True while anything is drawn (the dot or a trail still fading).
    [[nodiscard]] bool visible() const { return m_position.has_value() || !m_trail.empty(); }
    /// \brief Number of trail points still alive (for tests).
    [[nodiscard]] std::size_t trailLength() const { return m_trail.size(); }

    /// \brief Radius of the red core on a target \p targetHeight px tall: 16 px at 1080 lines,
    /// never below 10 px.
    [[nodiscard]] static float coreRadius(float targetHeight);
    /// \brief The red of the core: (255, 24, 32).
    [[nodiscard]] static sf::Color coreColor() { return {255, 24, 32}; }

    /// \brief Draws the trail, then the glow, ring and core of the dot. UI thread only.
    void draw(sf::RenderTarget& target) const;

private:
    struct TrailPoint {
        sf::Vector2f position; // pixels
        float age = 0.f;       // seconds since the pointer was there
    };
    std::optional<sf::Vector2f> m_position;
    std::vector<TrailPoint> m_trail;
    bool m_trailEnabled = true;
};

// ---------------------------------------------------------------- Magnifier

/// \brief A lens beside the pointer that shows the cells of a MatrixView around the pointed
/// cell enlarged (5 × 5 by default), each in the view's colormap colour with its value written
/// in, the pointed cell framed, its label ("Z1[3, 7]") and its exact value in large text.
///
/// The pointed cell is in the middle of the lens, except near the matrix's edges: there the
/// window of cells shifts to stay inside the matrix (the pointed cell then sits off-centre, still
/// framed), and a matrix with fewer rows or columns than the window shows all it has. Only
/// columns inside the view's column window are shown, so the lens matches what is on screen.
/// The lens sits right of the magnified region (left when there is no room), vertically centred
/// on the pointer and pushed inside the target's visible area, so it does not cover the
/// pointed cell when the screen has room beside it. On the heatmap, the magnified region is
/// outlined and joined to the lens by a line.
///
/// Wiring: after the MatrixView under the mouse was drawn this frame, call
/// draw(target, theme, view, mousePosition); it draws nothing when the mouse is not over a cell.
/// Draw it after the spotlight (so the lens is not dimmed) and before the laser pointer.
/// Thread: UI thread only.
class Magnifier {
public:
    /// \brief Where everything of one lens goes, in the target's pixels.
    struct Layout {
        sf::FloatRect lens;        ///< the whole lens panel
        sf::FloatRect source;      ///< the magnified region on the heatmap (clipped to its grid)
        sf::FloatRect grid;        ///< the enlarged cells
        sf::FloatRect label;       ///< line box of the label "Z1[3, 7]"
        sf::FloatRect value;       ///< line box of the pointed cell's value
        unsigned valueSize = 0;    ///< text size of the value (px), at least the theme's equationSize
        unsigned cellTextSize = 0; ///< text size of the values in the cells (px): bodySize where they fit
        float cellSize = 0.f;      ///< edge of one enlarged cell (px), including a 1 px gap each side
        int row = 0;               ///< the pointed cell's row
        int column = 0;            ///< the pointed cell's column (in the full matrix)
        int firstRow = 0;          ///< first row shown in the lens
        int firstColumn = 0;       ///< first column shown in the lens (in the full matrix)
        int rowCount = 0;          ///< rows shown in the lens
        int columnCount = 0;       ///< columns shown in the lens

        /// \brief Rectangle of the enlarged cell of matrix cell (\p r, \p c), one of those shown.
        [[nodiscard]] sf::FloatRect cellRect(int r, int c) const;
    };

    /// \brief Shows \p cells cells on each side of the pointed one (default 2: a 5 × 5 lens);
    /// clamped to 1 … 4.
    void setRadius(int cells);
    /// \brief Cells shown on each side of the pointed one.
    [[nodiscard]] int radius() const { return m_radius; }

    /// \brief Edge of one enlarged cell on a target \p targetHeight px tall: 96 px at 1080 lines,
    /// never below 40 px.
    [[nodiscard]] static float cellSizeFor(float targetHeight);

    /// \brief The lens for \p pointer over \p view (as laid out by its last draw()), kept inside
    /// \p bounds; std::nullopt when the pointer is over no cell. UI thread only (measures text).
    [[nodiscard]] std::optional<Layout> layout(const MatrixView& view, sf::Vector2f pointer, const sf::FloatRect& bounds,
                                               const Theme& theme) const;
    /// \brief Draws the lens for \p pointer over \p view inside the target's visible area.
    /// \return true when something was drawn (the pointer is over a cell). UI thread only.
    bool draw(sf::RenderTarget& target, const Theme& theme, const MatrixView& view, sf::Vector2f pointer) const;

    /// \brief The label of cell (\p row, \p column) of tensor \p name: "Z1[3, 7]".
    [[nodiscard]] static std::string cellLabel(const std::string& name, int row, int column);

private:
    int m_radius = 2;
};

} // namespace stepwise::views
