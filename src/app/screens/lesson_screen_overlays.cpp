// LessonScreen's overlays: the key help and the lesson menu, which lists every lesson and,
// beside it, every step of the lesson under the mouse (click a step to go there).
#include "app/screens/lesson_screen.hpp"

#include "app/screens/key_bindings.hpp"

namespace stepwise::app {

using views::drawBox;
using views::drawText;
using views::FontRole;
using views::HAlign;
using views::VAlign;

// ---------------------------------------------------------------- help

void LessonScreen::drawHelp(sf::RenderTarget& target) {
    drawBox(target, {0, 0, m_size.x, m_size.y}, sf::Color(0, 0, 0, 170));
    const std::vector<HelpLine> keys = helpLines(); // the same table the keys and buttons use
    // Every line is listed (Ctrl+Q and F1 come last): the spacing tightens to the height there is,
    // down to the text's own line box.
    const float rows = static_cast<float>(keys.size()) + 1.5f;
    const float line = std::max(views::lineHeight(m_theme.bodySize) * 1.1f,
                                std::min(static_cast<float>(m_theme.bodySize) * 1.75f, (m_size.y - 20.f) / rows));
    // The glossary takes most of the window; the keys a box of their rows.
    const float w = std::min(m_size.x - 40.f, static_cast<float>(m_theme.bodySize) * (m_glossaryPage ? 90.f : 64.f));
    const float h = m_glossaryPage ? m_size.y - 40.f : std::min(m_size.y - 20.f, line * rows);
    const sf::FloatRect box{(m_size.x - w) / 2.f, (m_size.y - h) / 2.f, w, h};
    drawBox(target, box, m_theme.panel, m_theme.accent, 2.f);
    drawText(target, m_glossaryPage ? "Glossary" : "Keys", {box.left + 24.f, box.top + 12.f}, m_theme.titleSize,
             m_theme.text, HAlign::Left, VAlign::Top, FontRole::UiBold);
    drawText(target, !m_glossaryPage ? "Tab: the glossary" : m_glossaryPageIndex + 1 < m_glossaryPages ? "" : "Tab: the keys", {box.left + box.width - 24.f, box.top + 12.f},
             m_theme.smallSize, m_theme.mutedText, HAlign::Right, VAlign::Top);
    float y = box.top + line * 1.3f;
    if (m_glossaryPage) {
        drawGlossary(target, box, y);
        return;
    }
    const float keyW = w * 0.36f;
    // The keys are written at the small size when any would be cut off at body size, the
    // descriptions when more than a quarter would be (presenter mode on a small projector);
    // else the few long descriptions are elided.
    const auto columnSize = [&](bool keyColumn, float room) {
        std::size_t cut = 0;
        for (const auto& l : keys)
            cut += views::textWidth(keyColumn ? l.keys : l.description, m_theme.bodySize,
                                    keyColumn ? FontRole::UiBold : FontRole::Ui) > room;
        return (keyColumn ? cut > 0 : cut * 4 > keys.size()) ? m_theme.smallSize : m_theme.bodySize;
    };
    const float keyRoom = keyW - 16.f, whatRoom = w - keyW - 40.f;
    const unsigned keySize = columnSize(true, keyRoom), whatSize = columnSize(false, whatRoom);
    m_helpLinesDrawn = 0;
    for (const auto& [k, v] : keys) { // keys, what they do
        if (y + views::lineHeight(m_theme.bodySize) > box.top + box.height) break;
        ++m_helpLinesDrawn;
        const float middle = y + views::lineHeight(m_theme.bodySize) / 2.f;
        drawText(target, views::elide(k, keySize, keyRoom, FontRole::UiBold), {box.left + 24.f, middle}, keySize,
                 m_theme.accent, HAlign::Left, VAlign::Center, FontRole::UiBold);
        drawText(target, views::elide(v, whatSize, whatRoom), {box.left + 24.f + keyW, middle}, whatSize, m_theme.text,
                 HAlign::Left, VAlign::Center);
        y += line;
    }
}

// The glossary: each term in bold over its meaning, in as many columns as the width takes, at
// the largest text size (a third over body, down to small) at which every entry fits one page; at the small
// size the entries that do not fit go on further pages (Tab turns them).
void LessonScreen::drawGlossary(sf::RenderTarget& target, const sf::FloatRect& box, float top) {
    m_glossaryDrawn = 0;
    const float left = box.left + 24.f, width = box.width - 48.f, bottomEdge = box.top + box.height - 12.f;
    if (m_glossary.empty()) {
        const std::string why = m_glossaryProblem.empty() ? "No glossary: the lessons folder has no glossary.md." : m_glossaryProblem;
        float y = top;
        for (const auto& l : views::wrapText(why, m_theme.bodySize, width)) {
            drawText(target, l, {left, y}, m_theme.bodySize, m_theme.mistake);
            y += views::lineHeight(m_theme.bodySize);
        }
        return;
    }
    struct Placed {
        std::vector<std::string> meaning;
        sf::Vector2f at;
        std::size_t page = 0;
    };
    const int columns = width > static_cast<float>(m_theme.bodySize) * 60.f ? 3 : 2;
    const float gap = 32.f, columnW = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const auto lineStep = [](unsigned size) { return std::round(views::lineHeight(size) * 1.15f); };
    // Entries fill a column top to bottom, then the next column, then the next page; the columns
    // share the entries evenly when one page holds them all.
    const auto layoutAt = [&](unsigned size, std::vector<Placed>& placed) {
        placed.clear();
        const float lineH = lineStep(size);
        std::vector<std::vector<std::string>> wrapped;
        float total = 0.f;
        for (const auto& e : m_glossary) {
            wrapped.push_back(views::wrapText(e.meaning, size, columnW - 12.f));
            total += lineH * static_cast<float>(1 + wrapped.back().size()) + lineH * 0.5f;
        }
        const float columnBottom = std::min(bottomEdge, top + total / static_cast<float>(columns) + 2.f * lineH);
        int column = 0;
        std::size_t page = 0;
        float y = top;
        for (std::size_t i = 0; i < m_glossary.size(); ++i) {
            Placed p{std::move(wrapped[i]), {}, 0};
            const float h = lineH * static_cast<float>(1 + p.meaning.size()) + lineH * 0.5f;
            if (y + h > (page == 0 && column + 1 < columns ? columnBottom : bottomEdge) && y > top) {
                if (++column == columns) {
                    column = 0;
                    ++page;
                }
                y = top;
            }
            p.at = {left + static_cast<float>(column) * (columnW + gap), y};
            p.page = page;
            placed.push_back(std::move(p));
            y += h;
        }
        return page + 1;
    };
    std::vector<Placed> placed;
    unsigned size = m_theme.bodySize * 4 / 3; // larger than body text when the page has the room
    while (layoutAt(size, placed) > 1 && size > m_theme.smallSize) --size;
    m_glossarySize = size;
    m_glossaryPages = placed.empty() ? 1 : placed.back().page + 1;
    m_glossaryPageIndex = std::min(m_glossaryPageIndex, m_glossaryPages - 1);
    if (m_glossaryPages > 1)
        drawText(target, "page " + std::to_string(m_glossaryPageIndex + 1) + " of " + std::to_string(m_glossaryPages) +
                             "  ·  Tab: next",
                 {box.left + box.width / 2.f, box.top + 12.f}, m_theme.smallSize, m_theme.mutedText, HAlign::Center);
    const float lineH = lineStep(size);
    for (std::size_t i = 0; i < placed.size(); ++i) {
        if (placed[i].page != m_glossaryPageIndex) continue;
        drawText(target, m_glossary[i].term, placed[i].at, size, m_theme.accent, HAlign::Left, VAlign::Top, FontRole::UiBold);
        float y = placed[i].at.y + lineH;
        for (const auto& l : placed[i].meaning) {
            drawText(target, l, {placed[i].at.x + 12.f, y}, size, m_theme.text);
            y += lineH;
        }
        ++m_glossaryDrawn;
    }
}

// ---------------------------------------------------------------- cheat-sheet

void LessonScreen::drawCheatSheet(sf::RenderTarget& target) {
    drawBox(target, {0, 0, m_size.x, m_size.y}, sf::Color(0, 0, 0, 170));
    const float margin = std::min(20.f, m_size.x * 0.02f);
    m_cheatSheet.set(m_snapshot->config, m_theme, {margin, margin, m_size.x - 2 * margin, m_size.y - 2 * margin});
    m_cheatSheet.draw(target);
}

// ---------------------------------------------------------------- lesson menu

void LessonScreen::toggleMenu() {
    m_menu = !m_menu;
    if (!m_menu || !m_lesson) return;
    for (std::size_t i = 0; i < m_menuLessons.size(); ++i) // open on the current lesson's steps
        if (m_menuLessons[i].title.find(m_lesson->title) != std::string::npos) m_menuOpenLesson = i;
}

std::size_t LessonScreen::menuRowCount() const {
    // The lessons, a gap and the data row on the left; the longest step list on the right.
    std::size_t rows = m_menuLessons.size() + (m_dataLine.empty() ? 0 : 2);
    for (const auto& l : m_menuLessons) rows = std::max(rows, l.steps.size());
    return rows;
}

sf::FloatRect LessonScreen::menuDataRect() const {
    if (m_dataLine.empty() || !m_menu) return {};
    return menuRow(m_menuLessons.size() + 1); // the left column, below the lessons
}

sf::FloatRect LessonScreen::menuBox() const {
    const std::size_t rows = menuRowCount();
    const float line = static_cast<float>(m_theme.bodySize) * 1.9f;
    const float w = std::min(m_size.x - 40.f, static_cast<float>(m_theme.bodySize) * 60.f);
    const float h = std::min(m_size.y - 20.f, line * static_cast<float>(rows + 2));
    return {(m_size.x - w) / 2.f, (m_size.y - h) / 2.f, w, h};
}

sf::FloatRect LessonScreen::menuRow(std::size_t index) const {
    const sf::FloatRect box = menuBox();
    const std::size_t rows = menuRowCount();
    const float line = std::min(static_cast<float>(m_theme.bodySize) * 1.9f, box.height / static_cast<float>(rows + 2));
    return {box.left + 16.f, box.top + line * (1.4f + static_cast<float>(index)), box.width * 0.45f - 24.f, line * 0.9f};
}

sf::FloatRect LessonScreen::menuStepRow(std::size_t index) const {
    const sf::FloatRect lessonRow = menuRow(index);
    const sf::FloatRect box = menuBox();
    return {box.left + box.width * 0.45f + 8.f, lessonRow.top, box.width * 0.55f - 24.f, lessonRow.height};
}

void LessonScreen::drawMenu(sf::RenderTarget& target) {
    drawBox(target, {0, 0, m_size.x, m_size.y}, sf::Color(0, 0, 0, 150));
    const sf::FloatRect box = menuBox();
    drawBox(target, box, m_theme.panel, m_theme.accent, 2.f);
    drawText(target, "Lessons", {box.left + 24.f, box.top + 12.f}, m_theme.titleSize, m_theme.text, HAlign::Left,
             VAlign::Top, FontRole::UiBold);
    if (m_menuOpenLesson < m_menuLessons.size())
        drawText(target, "Steps of lesson " + std::to_string(m_menuOpenLesson + 1),
                 {box.left + box.width * 0.45f + 8.f, box.top + 12.f}, m_theme.titleSize, m_theme.mutedText,
                 HAlign::Left, VAlign::Top, FontRole::UiBold);
    const unsigned size = m_theme.bodySize;
    for (std::size_t i = 0; i < m_menuLessons.size(); ++i) {
        const sf::FloatRect row = menuRow(i);
        const bool open = i == m_menuOpenLesson;
        const bool current = m_lesson && m_menuLessons[i].title.find(m_lesson->title) != std::string::npos;
        drawBox(target, row, open ? m_theme.grid : m_theme.panel, current ? m_theme.accent : m_theme.panelBorder,
                current ? 3.f : 1.f);
        // The reading time sits at the row's right end, the title takes the rest.
        const std::string minutes = m_menuLessons[i].minutes > 0 ? std::to_string(m_menuLessons[i].minutes) + " min" : "";
        const float minutesW = minutes.empty() ? 0.f : views::textWidth(minutes, m_theme.smallSize) + 16.f;
        drawText(target, views::elide(m_menuLessons[i].title + "  ▸", size, row.width - 16.f - minutesW),
                 {row.left + 10.f, row.top + row.height / 2.f}, size, m_theme.text, HAlign::Left, VAlign::Center);
        if (!minutes.empty())
            drawText(target, minutes, {row.left + row.width - 10.f, row.top + row.height / 2.f}, m_theme.smallSize,
                     m_theme.mutedText, HAlign::Right, VAlign::Center);
    }
    if (!m_dataLine.empty()) { // what the class trains on, and a click to switch
        const sf::FloatRect row = menuDataRect();
        drawBox(target, row, row.contains(m_mouse) ? m_theme.grid : m_theme.background, m_theme.panelBorder, 1.f);
        drawText(target, views::elide(m_dataLine, size, row.width - 16.f), {row.left + 10.f, row.top + row.height / 2.f},
                 size, m_theme.text, HAlign::Left, VAlign::Center);
    }
    if (m_menuOpenLesson >= m_menuLessons.size()) return;
    const auto& steps = m_menuLessons[m_menuOpenLesson].steps;
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const sf::FloatRect row = menuStepRow(k);
        if (row.top + row.height > box.top + box.height) break;
        const bool current = m_lesson && m_menuLessons[m_menuOpenLesson].title.find(m_lesson->title) != std::string::npos &&
                             k == m_stepIndex;
        drawBox(target, row, row.contains(m_mouse) ? m_theme.grid : m_theme.background,
                current ? m_theme.accent : m_theme.panelBorder, current ? 3.f : 1.f);
        drawText(target, views::elide(std::to_string(k + 1) + ". " + steps[k], size, row.width - 16.f),
                 {row.left + 10.f, row.top + row.height / 2.f}, size, m_theme.text, HAlign::Left, VAlign::Center);
    }
}

UiAction LessonScreen::handleMenuEvent(const sf::Event& event) {
    if (event.type == sf::Event::MouseMoved) {
        for (std::size_t i = 0; i < m_menuLessons.size(); ++i)
            if (menuRow(i).contains(m_mouse)) m_menuOpenLesson = i; // hovering a lesson lists its steps
        return UiAction::None;
    }
    if (event.type != sf::Event::MouseButtonReleased) return UiAction::None;
    const sf::Vector2f at{static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
    for (std::size_t i = 0; i < m_menuLessons.size(); ++i)
        if (menuRow(i).contains(at)) {
            m_menuChoice = std::pair<std::size_t, std::size_t>{i, 0};
            m_menu = false;
            return UiAction::None;
        }
    if (menuDataRect().contains(at)) {
        m_menu = false;
        return UiAction::SwitchData;
    }
    if (m_menuOpenLesson < m_menuLessons.size())
        for (std::size_t k = 0; k < m_menuLessons[m_menuOpenLesson].steps.size(); ++k)
            if (menuStepRow(k).contains(at)) {
                m_menuChoice = std::pair<std::size_t, std::size_t>{m_menuOpenLesson, k};
                m_menu = false;
                return UiAction::None;
            }
    if (!menuBox().contains(at)) m_menu = false; // a click outside closes the menu
    return UiAction::None;
}

} // namespace stepwise::app
