// Value → colour maps for the heatmaps: a diverging map for signed values (weights,
// pre-activations, gradients), sequential maps for probabilities and pixel intensities, the
// inverse used by tests to read values back from pixels, and the palettes a user picks from
// (purple–orange, blue–red for colour-blind viewers, greyscale for printed handouts).
// Thread: Colormap is a plain value, callable from any thread; the palette choice is an atomic
// set by the UI thread; the legend drawing functions touch SFML and are UI-thread only.
#pragma once

#include "views/theme.hpp"

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include <Eigen/Core>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace stepwise::views {

// ---------------------------------------------------------------- palettes

/// \brief The heatmap palettes a user chooses from (setting `palette`, key K, `--palette`).
/// A palette decides the colours of the diverging maps and of the probability map; pixel
/// intensities (Colormap::grey()) are black to white in every palette.
enum class Palette {
    PurpleOrange, ///< "purple-orange": ColorBrewer PuOr for signed values, viridis for probabilities (the default)
    BlueRed,      ///< "blue-red": Paul Tol's "sunset", designed to stay distinct for colour-blind viewers; viridis
    Greyscale     ///< "greyscale": black (−limit) to white (+limit), and black to white for probabilities, for print
};

/// \brief Every palette, in the order the key cycles them.
inline constexpr std::array<Palette, 3> kPalettes{Palette::PurpleOrange, Palette::BlueRed, Palette::Greyscale};

/// \brief The palette's name in the settings file and on the command line ("blue-red").
std::string_view paletteName(Palette palette);
/// \brief What the palette is for, for the status line and the help ("blue–red, for colour-blind viewers").
std::string_view paletteDescription(Palette palette);
/// \brief The palette called \p name (paletteName(), or "colour-blind"/"color-blind" for
/// BlueRed and "grey"/"gray"/"grayscale" for Greyscale); empty for anything else.
std::optional<Palette> parsePalette(std::string_view name);
/// \brief The palette after \p palette in kPalettes, wrapping round.
Palette nextPalette(Palette palette);
/// \brief The colour names of a diverging map's two ends ({"purple", "orange"}), for captions.
struct PaletteWords {
    std::string_view negative; ///< colour of −limit
    std::string_view positive; ///< colour of +limit
};
/// \brief The words for \p palette's ends.
PaletteWords paletteWords(Palette palette);

/// \brief Makes \p palette the one new colormaps use (the window's setting, `--palette`).
/// Maps made before keep their colours. UI thread (any thread may read it).
void setHeatmapPalette(Palette palette);
/// \brief The palette new colormaps use (Palette::PurpleOrange until set).
Palette heatmapPalette();

/// \brief Maps numbers to colours.
///
/// - Diverging: symmetric around 0, values beyond ±limit clamp. With Palette::PurpleOrange
///   (ColorBrewer PuOr, 11 anchors) −limit is deep purple, 0 near white, +limit dark
///   orange-brown; with Palette::BlueRed (Tol's sunset, 11 anchors) −limit is dark blue, 0 pale
///   yellow, +limit dark red; with Palette::Greyscale −limit is black, 0 mid grey, +limit white.
/// - Viridis (10 anchors): lower is dark purple, upper is yellow; for probabilities
///   (black to white with Palette::Greyscale).
/// - Grey: lower is black, upper is white; for pixel intensities (MNIST digits), every palette.
///
/// A map takes the palette in force when it is made (heatmapPalette()) and keeps it.
/// Anchors are interpolated linearly in sRGB. NaN and ±∞ map to nanColor() (magenta),
/// which no map produces.
class Colormap {
public:
    /// \brief The family of a map.
    enum class Kind {
        Diverging, ///< signed values around 0
        Viridis,   ///< sequential, perceptually uniform
        Grey       ///< sequential, black to white
    };

    /// \brief Diverging map over −limit … +limit in \p palette. A limit ≤ 0 or non-finite is taken as 1.
    static Colormap diverging(float limit, Palette palette = heatmapPalette());
    /// \brief Diverging map whose limit is the largest finite |v| of \p values (1 when all are 0).
    static Colormap divergingFor(const Eigen::Ref<const Eigen::MatrixXf>& values, Palette palette = heatmapPalette());
    /// \brief Viridis over lower … upper (probabilities: 0 … 1); a grey ramp in Palette::Greyscale.
    static Colormap viridis(float lower = 0.f, float upper = 1.f, Palette palette = heatmapPalette());
    /// \brief Black-to-white over lower … upper (pixel intensities: 0 … 1).
    static Colormap grey(float lower = 0.f, float upper = 1.f);

    /// \brief A diverging map over −1 … 1.
    Colormap() = default;

    /// \brief Colour of \p value; nanColor() for NaN and ±∞.
    [[nodiscard]] sf::Color map(float value) const;
    /// \brief The inverse, for tests: the value in lower() … upper() whose colour is nearest
    /// to \p color (NaN for nanColor()). Accurate to about 1/512 of the range.
    [[nodiscard]] float valueOf(sf::Color color) const;

    /// \brief Which family this map is.
    [[nodiscard]] Kind kind() const { return m_kind; }
    /// \brief The palette the map was made in.
    [[nodiscard]] Palette palette() const { return m_palette; }
    /// \brief The anchor colours this map interpolates, from lower() to upper(), evenly spaced
    /// (the published control points of its palette).
    [[nodiscard]] std::span<const sf::Color> anchors() const;
    /// \brief Value mapped to the first anchor (−limit for diverging maps).
    [[nodiscard]] float lower() const { return m_lower; }
    /// \brief Value mapped to the last anchor (+limit for diverging maps).
    [[nodiscard]] float upper() const { return m_upper; }
    /// \brief max(|lower|, |upper|): the symmetric limit of a diverging map.
    [[nodiscard]] float limit() const;
    /// \brief True for maps whose middle is 0 (legends then label −limit, 0, +limit).
    [[nodiscard]] bool isDiverging() const { return m_kind == Kind::Diverging; }

    /// \brief Colour of NaN and ±∞ in every map: magenta (255, 0, 255).
    static sf::Color nanColor() { return {255, 0, 255}; }

private:
    Colormap(Kind kind, float lower, float upper, Palette palette)
        : m_kind(kind), m_palette(palette), m_lower(lower), m_upper(upper) {}
    [[nodiscard]] sf::Color mapFraction(float t) const;

    Kind m_kind = Kind::Diverging;
    Palette m_palette = heatmapPalette();
    float m_lower = -1.f;
    float m_upper = 1.f;
};

/// \brief Largest finite |v| in \p values, or 0 when there is none.
float maxAbsFinite(const Eigen::Ref<const Eigen::MatrixXf>& values);

// ---------------------------------------------------------------- legend (UI thread)

/// \brief Height of a colour legend: the bar, a small gap and one line of small numbers.
float colorLegendHeight(const Theme& theme);

/// \brief Height of the colour bar alone within a legend.
float colorLegendBarHeight(const Theme& theme);

/// \brief Width of the "NaN/∞" swatch and label drawn right of a bar when asked for.
float colorLegendNonFiniteWidth(const Theme& theme);

/// \brief Draws a horizontal colour bar for \p colormap filling \p bar, with its lower, middle
/// and upper values written under it (−limit, 0, +limit for a diverging map).
/// \param target where to draw
/// \param theme colours and text sizes
/// \param colormap the map the bar shows
/// \param bar the rectangle of the colour bar itself; the numbers go below it
/// \param showNonFinite also draws a swatch of nanColor() labelled "NaN/∞" right of the bar.
/// \param labels replaces the three numbers (left, middle, right), for bars whose scale is
///        not linear in the colormap's values (the confusion matrix's √count).
/// UI thread only.
void drawColorLegend(sf::RenderTarget& target, const Theme& theme, const Colormap& colormap, const sf::FloatRect& bar,
                     bool showNonFinite = false, const std::optional<std::array<std::string, 3>>& labels = std::nullopt);

} // namespace stepwise::views
