// Value → colour maps for the heatmaps: a colour-blind-safe diverging map for signed values
// (weights, pre-activations, gradients), sequential maps for probabilities and pixel
// intensities, and the inverse used by tests to read values back from pixels.
// Thread: Colormap is a plain value, callable from any thread; the legend drawing functions
// touch SFML and are UI-thread only.
#pragma once

#include "views/theme.hpp"

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include <Eigen/Core>

#include <array>
#include <optional>
#include <string>

namespace stepwise::views {

/// \brief Maps numbers to colours.
///
/// - Diverging (ColorBrewer PuOr, 11 anchors): −limit is deep purple, 0 is near white,
///   +limit is dark orange-brown. Symmetric around 0; values beyond ±limit clamp.
/// - Viridis (10 anchors): lower is dark purple, upper is yellow; for probabilities.
/// - Grey: lower is black, upper is white; for pixel intensities (MNIST digits).
///
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

    /// \brief Diverging map over −limit … +limit. A limit ≤ 0 or non-finite is taken as 1.
    static Colormap diverging(float limit);
    /// \brief Diverging map whose limit is the largest finite |v| of \p values (1 when all are 0).
    static Colormap divergingFor(const Eigen::Ref<const Eigen::MatrixXf>& values);
    /// \brief Viridis over lower … upper (probabilities: 0 … 1).
    static Colormap viridis(float lower = 0.f, float upper = 1.f);
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
    Colormap(Kind kind, float lower, float upper) : m_kind(kind), m_lower(lower), m_upper(upper) {}
    [[nodiscard]] sf::Color mapFraction(float t) const;

    Kind m_kind = Kind::Diverging;
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
