// NarrationView: greedy word wrapping of styled runs, with inline formulas placed on the
// text baseline.
#include "views/narration_view.hpp"

#include "views/fonts.hpp"

#include <cmath>

namespace stepwise::views {

std::vector<lessons::Paragraph> plainParagraphs(const std::string& text) {
    std::vector<lessons::Paragraph> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) {
            lessons::Paragraph p;
            p.runs.push_back({text.substr(start, end - start), false, false, false});
            out.push_back(p);
        }
        start = end + 1;
    }
    return out;
}

void NarrationView::set(const std::vector<lessons::Paragraph>& paragraphs, float width, unsigned size,
                        sf::Color color) {
    if (paragraphs == m_paragraphs && width == m_width && size == m_size && color == m_color) return;
    m_paragraphs = paragraphs;
    m_width = width;
    m_size = size;
    m_color = color;
    layout(paragraphs);
}

void NarrationView::layout(const std::vector<lessons::Paragraph>& paragraphs) {
    m_pieces.clear();
    const float lineStep = static_cast<float>(m_size) * 1.55f;
    const float baselineInLine = static_cast<float>(m_size) * 1.1f;
    const FontSet& f = fonts();
    float y = 0.f;
    for (std::size_t p = 0; p < paragraphs.size(); ++p) {
        float x = 0.f;
        auto newLine = [&] {
            x = 0.f;
            y += lineStep;
        };
        for (const auto& run : paragraphs[p].runs) {
            if (run.math) {
                Piece piece;
                piece.equation = std::make_unique<EquationView>();
                piece.equation->setDisplayStyle(false);
                piece.equation->setFontSize(static_cast<float>(m_size) * 1.15f);
                piece.equation->setColor(m_color);
                try {
                    piece.equation->setTex(run.text);
                } catch (const std::exception&) {
                    piece.equation.reset();
                    piece.text = std::make_unique<sf::Text>(toSfString(run.text), f.uiMono(), m_size);
                    piece.text->setFillColor(m_color);
                }
                const float w = piece.equation ? piece.equation->bounds().width : piece.text->getLocalBounds().width;
                if (x > 0.f && x + w > m_width) newLine();
                if (piece.equation) {
                    const auto at = sf::Vector2f(0.f, 0.f);
                    piece.equation->setPosition(at);
                    const float baseOffset = piece.equation->baseline() - piece.equation->bounds().top;
                    piece.offset = {x, y + baselineInLine - baseOffset};
                } else {
                    piece.offset = {x, y + baselineInLine - static_cast<float>(m_size)};
                }
                x += w + static_cast<float>(m_size) * 0.25f;
                m_pieces.push_back(std::move(piece));
                continue;
            }
            const sf::Font& font = run.bold ? f.uiBold() : run.italic ? f.uiItalic() : f.ui();
            // Split into words, keeping the space that follows each.
            std::size_t start = 0;
            const std::string& t = run.text;
            while (start < t.size()) {
                std::size_t end = t.find(' ', start);
                end = end == std::string::npos ? t.size() : end + 1;
                const std::string word = t.substr(start, end - start);
                start = end;
                auto text = std::make_unique<sf::Text>(toSfString(word), font, m_size);
                text->setFillColor(m_color);
                const float w = text->findCharacterPos(word.size()).x - text->findCharacterPos(0).x;
                std::string trimmed = word;
                while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
                const float inkWidth = sf::Text(toSfString(trimmed), font, m_size).getLocalBounds().width;
                if (x > 0.f && x + inkWidth > m_width) newLine();
                if (x == 0.f && trimmed.empty()) continue;
                Piece piece;
                piece.text = std::move(text);
                piece.offset = {x, y + baselineInLine - static_cast<float>(m_size)};
                x += w;
                m_pieces.push_back(std::move(piece));
            }
        }
        y += lineStep;
        if (p + 1 < paragraphs.size()) y += static_cast<float>(m_size) * 0.6f;
    }
    m_height = y;
}

void NarrationView::draw(sf::RenderTarget& target) const {
    for (const auto& piece : m_pieces) {
        const sf::Vector2f at = m_position + piece.offset;
        if (piece.text) {
            piece.text->setPosition(std::round(at.x), std::round(at.y));
            target.draw(*piece.text);
        } else if (piece.equation) {
            piece.equation->setPosition({std::round(at.x), std::round(at.y)});
            piece.equation->draw(target);
        }
    }
}

} // namespace stepwise::views
