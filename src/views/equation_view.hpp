// EquationView draws one typeset equation (and an optional smaller caption line below it, such
// as the shapes of its operands), tells which tensor symbol is under the mouse and highlights
// a symbol when the app hovers that tensor's matrix view.
#pragma once

#include "views/equation_layout.hpp"

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/ConvexShape.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderStates.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include <map>
#include <string>
#include <vector>

namespace stepwise::views {

class FontSet;

/// \brief One equation typeset like TeX, with hover lookup and symbol highlighting.
///
/// Example: `view.setTex("Z^{1} = W^{1} A^{0} + b^{1}"); view.setFontSize(48);`
/// `view.setCaption("(10×784)·(784×m) + (10×1) → 10×m"); view.draw(window);`
///
/// Coordinates: position() is the top-left corner of bounds(), in the render target's pixels.
/// The sf::Text objects are built when the TeX, font size, style or caption change, so draw()
/// only issues draw calls (it runs every frame).
///
/// Thread: UI thread only (it owns sf::Text objects and reads sf::Font glyphs).
class EquationView {
public:
    /// \brief An empty view using the process-wide fonts().
    EquationView();
    /// \brief An empty view using \p fonts, which must outlive the view.
    explicit EquationView(const FontSet& fonts);

    /// \brief Sets the equation (TeX subset, see tex::parseEquation()) and rebuilds the layout.
    /// \throws tex::EquationParseError if \p tex is not in the subset; the view then keeps its
    /// previous equation.
    void setTex(std::string tex);
    /// \brief The equation's TeX.
    [[nodiscard]] const std::string& tex() const { return m_tex; }

    /// \brief Sets the size of the base glyphs: pixels per em (presenter mode uses ≥ 48).
    /// Scripts are 0.7× of it. Values below 4 are clamped to 4.
    void setFontSize(float px);
    /// \brief Pixels per em of the base glyphs.
    [[nodiscard]] float fontSize() const { return m_fontSize; }

    /// \brief Display style (true, default: Σ limits below, full-size fractions) or inline
    /// text style (false: for maths inside narration).
    void setDisplayStyle(bool display);
    /// \brief True in display style.
    [[nodiscard]] bool displayStyle() const { return m_style == MathStyle::Display; }

    /// \brief Colour of the equation's glyphs and rules.
    void setColor(sf::Color color);
    /// \brief Colour of the equation's glyphs and rules.
    [[nodiscard]] sf::Color color() const { return m_color; }
    /// \brief Fill colour of the highlight box (translucent by default).
    void setHighlightColor(sf::Color color);
    /// \brief Colour of the caption line; sf::Color::Transparent (the default) means the
    /// equation colour at 70 % opacity.
    void setCaptionColor(sf::Color color);

    /// \brief A second line of plain text (UTF-8), drawn smaller below the equation in the UI
    /// font, e.g. "(10×784)·(784×m) + (10×1) → 10×m". Empty removes it.
    void setCaption(const std::string& utf8);
    /// \brief The caption line (UTF-8).
    [[nodiscard]] const std::string& caption() const { return m_caption; }

    /// \brief Moves the view so that its top-left corner is at \p topLeft (target pixels).
    void setPosition(sf::Vector2f topLeft);
    /// \brief Top-left corner of the view (target pixels).
    [[nodiscard]] sf::Vector2f position() const { return m_position; }
    /// \brief Box of the equation and caption, in target pixels.
    [[nodiscard]] sf::FloatRect bounds() const;
    /// \brief y of the equation's baseline in target pixels (to align inline maths with text).
    [[nodiscard]] float baseline() const { return m_position.y + m_baselineOffset; }

    /// \brief Draws the highlight, the equation and the caption onto \p target.
    void draw(sf::RenderTarget& target, sf::RenderStates states = sf::RenderStates::Default) const;

    /// \brief Name of the tensor symbol under \p point (target pixels), e.g. "W1"; "" if none.
    /// Where symbols nest, the innermost named one wins.
    [[nodiscard]] std::string symbolAt(sf::Vector2f point) const;
    /// \brief Draws a soft rounded box behind every symbol named \p tensorName ("" clears).
    void highlight(std::string tensorName);
    /// \brief The highlighted tensor name ("" when none).
    [[nodiscard]] const std::string& highlighted() const { return m_highlighted; }
    /// \brief Rectangles of the named symbols in target pixels, by tensor name (a name can
    /// appear more than once, as W1 in W¹ := W¹ − α dW¹).
    [[nodiscard]] std::multimap<std::string, sf::FloatRect> symbolRects() const;

    /// \brief The layout the view draws (coordinates relative to the baseline's left end).
    [[nodiscard]] const EquationLayout& layout() const { return m_layout; }

private:
    void rebuild();
    void applyColors();
    void rebuildHighlight();
    sf::FloatRect toTarget(const sf::FloatRect& layoutRect) const;

    const FontSet* m_fonts;
    std::string m_tex;
    tex::MathList m_list;
    float m_fontSize = 32.f;
    MathStyle m_style = MathStyle::Display;
    sf::Color m_color = sf::Color::Black;
    sf::Color m_highlightColor{255, 196, 61, 110};
    sf::Color m_captionColor = sf::Color::Transparent; // transparent: derived from m_color
    std::string m_caption;
    sf::Vector2f m_position;

    EquationLayout m_layout;
    float m_baselineOffset = 0;       // from the view's top to the baseline, whole pixels
    sf::Vector2f m_size;              // equation and caption
    std::vector<sf::Text> m_texts;    // glyph runs, local coordinates (top-left = 0,0)
    sf::VertexArray m_rules;          // fraction bars, local coordinates
    sf::Text m_captionText;
    std::string m_highlighted;
    std::vector<sf::ConvexShape> m_highlightShapes;
};

} // namespace stepwise::views
