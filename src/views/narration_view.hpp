// NarrationView: a lesson step's narration (paragraphs of plain, bold, italic and inline-math
// runs) wrapped into a column of given width. Inline math is typeset by EquationView.
#pragma once

#include "lessons/lesson.hpp"
#include "views/equation_view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Text.hpp>

#include <memory>
#include <string>
#include <vector>

namespace stepwise::views {

/// \brief Wrapped rich text: paragraphs of styled runs with inline maths.
///
/// Thread: UI thread only (holds sf::Text and EquationView objects).
class NarrationView {
public:
    /// \brief Lays out \p paragraphs at \p width px with \p size px text in \p color.
    /// Rebuilds only when something changed since the last call.
    void set(const std::vector<lessons::Paragraph>& paragraphs, float width, unsigned size, sf::Color color);
    /// \brief Top-left corner of the block.
    void setPosition(sf::Vector2f position) { m_position = position; }
    /// \brief Height of the laid-out block in px.
    [[nodiscard]] float height() const { return m_height; }
    /// \brief Draws the block at its position.
    void draw(sf::RenderTarget& target) const;

private:
    struct Piece {
        std::unique_ptr<sf::Text> text;          // a word or a run of words in one style
        std::unique_ptr<EquationView> equation;  // or an inline formula
        sf::Vector2f offset;                     // top-left relative to the block
    };
    void layout(const std::vector<lessons::Paragraph>& paragraphs);

    std::vector<Piece> m_pieces;
    std::vector<lessons::Paragraph> m_paragraphs;
    float m_width = 0.f;
    unsigned m_size = 0;
    sf::Color m_color;
    sf::Vector2f m_position;
    float m_height = 0.f;
};

/// \brief Splits plain text at its line breaks into paragraphs of one plain run each.
std::vector<lessons::Paragraph> plainParagraphs(const std::string& text);

} // namespace stepwise::views
