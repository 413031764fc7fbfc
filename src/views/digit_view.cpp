// DigitAtlas (k images in one texture) and DigitView (grid layout, captions, tooltip).
// Sections: atlas, data, layout, queries, drawing.
#include "views/digit_view.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RectangleShape.hpp>

#include <algorithm>
#include <cmath>

namespace stepwise::views {

namespace {
constexpr int kPixels = kDigitSide * kDigitSide;
constexpr std::string_view kArrow = "\xE2\x86\x92"; // →
constexpr std::string_view kCross = "\xE2\x9C\x97"; // ✗
} // namespace

// ---------------------------------------------------------------- atlas

void DigitAtlas::build(const Eigen::Ref<const Eigen::MatrixXf>& images, const Colormap& colormap) {
    m_count = images.rows() == kPixels ? static_cast<int>(images.cols()) : 0;
    if (m_count == 0) return;
    const int columns = std::min(m_count, kAtlasColumns);
    const int rows = (m_count + kAtlasColumns - 1) / kAtlasColumns;
    sf::Image image;
    image.create(static_cast<unsigned>(columns * kDigitSide), static_cast<unsigned>(rows * kDigitSide));
    for (int i = 0; i < m_count; ++i) {
        const unsigned x0 = static_cast<unsigned>((i % kAtlasColumns) * kDigitSide);
        const unsigned y0 = static_cast<unsigned>((i / kAtlasColumns) * kDigitSide);
        for (int k = 0; k < kPixels; ++k)
            image.setPixel(x0 + static_cast<unsigned>(k % kDigitSide), y0 + static_cast<unsigned>(k / kDigitSide),
                           colormap.map(images(k, i)));
    }
    if (!m_texture) m_texture = std::make_unique<sf::Texture>();
    if (m_texture->getSize() != image.getSize()) m_texture->create(image.getSize().x, image.getSize().y);
    m_texture->update(image);
    m_texture->setSmooth(false);
}

void DigitAtlas::appendTile(sf::VertexArray& triangles, int index, const sf::FloatRect& rect) const {
    if (index < 0 || index >= m_count) return;
    const float u = static_cast<float>((index % kAtlasColumns) * kDigitSide);
    const float v = static_cast<float>((index / kAtlasColumns) * kDigitSide);
    const float s = static_cast<float>(kDigitSide);
    const sf::Vertex a({rect.left, rect.top}, {u, v});
    const sf::Vertex b({rect.left + rect.width, rect.top}, {u + s, v});
    const sf::Vertex c({rect.left + rect.width, rect.top + rect.height}, {u + s, v + s});
    const sf::Vertex d({rect.left, rect.top + rect.height}, {u, v + s});
    for (const sf::Vertex& vertex : {a, b, c, a, c, d}) triangles.append(vertex);
}

void DigitAtlas::drawTile(sf::RenderTarget& target, int index, const sf::FloatRect& rect) const {
    sf::VertexArray triangles(sf::Triangles);
    appendTile(triangles, index, rect);
    drawTiles(target, triangles);
}

void DigitAtlas::drawTiles(sf::RenderTarget& target, const sf::VertexArray& triangles) const {
    if (m_texture) target.draw(triangles, m_texture.get());
}

sf::FloatRect digitPixelRect(const sf::FloatRect& tile, int row, int col) {
    const float w = tile.width / kDigitSide;
    const float h = tile.height / kDigitSide;
    return {tile.left + static_cast<float>(col) * w, tile.top + static_cast<float>(row) * h, w, h};
}

// ---------------------------------------------------------------- data

void DigitView::setSamples(const Eigen::Ref<const Eigen::MatrixXf>& images, std::vector<int> labels,
                           std::vector<int> predictions, std::vector<int> sampleIndices, std::uint64_t version) {
    const bool sameData = version != 0 && version == m_version && m_mode == Mode::Samples &&
                          images.cols() == m_images.cols() && images.rows() == m_images.rows();
    if (!sameData) {
        m_images = images;
        m_atlasDirty = true;
    }
    m_mode = Mode::Samples;
    m_name = "A0";
    m_version = version;
    m_labels = std::move(labels);
    m_predictions = std::move(predictions);
    m_indices = std::move(sampleIndices);
    m_colormap = m_sampleColormap;
    m_layoutValid = false;
}

void DigitView::setWeightRows(std::string name, const Eigen::Ref<const Eigen::MatrixXf>& weights,
                              std::optional<float> limit, std::uint64_t version) {
    const bool sameData = version != 0 && version == m_version && m_mode == Mode::WeightRows && name == m_name &&
                          weights.rows() == m_images.cols() && weights.cols() == m_images.rows();
    m_mode = Mode::WeightRows;
    m_name = std::move(name);
    m_version = version;
    m_labels.clear();
    m_predictions.clear();
    m_indices.clear();
    if (!sameData) {
        m_images = weights.transpose();
        m_atlasDirty = true;
    }
    const Colormap map = limit ? Colormap::diverging(*limit) : Colormap::divergingFor(m_images);
    if (map.limit() != m_colormap.limit() || !m_colormap.isDiverging()) m_atlasDirty = true;
    m_colormap = map;
    m_layoutValid = false;
}

void DigitView::setSampleColormap(const Colormap& colormap) {
    m_sampleColormap = colormap;
    if (m_mode == Mode::Samples) {
        m_colormap = colormap;
        m_atlasDirty = true;
    }
}

void DigitView::setRect(const sf::FloatRect& rect) {
    if (rect == m_rect) return;
    m_rect = rect;
    m_layoutValid = false;
}

std::string DigitView::title() const {
    if (!m_title.empty()) return m_title;
    if (m_mode == Mode::Samples) return "A0: the samples as 28 \xC3\x97 28 images";
    return m_name + " rows: what hidden neuron i looks for";
}

int DigitView::captionLines() const {
    if (m_mode == Mode::WeightRows) return 1;
    return (m_labels.empty() ? 0 : 1) + (m_predictions.empty() ? 0 : 1) + (m_extraCaptions.empty() ? 0 : 1);
}

std::vector<std::string> DigitView::caption(int index) const {
    std::vector<std::string> lines;
    if (index < 0 || index >= count()) return lines;
    const auto i = static_cast<std::size_t>(index);
    if (m_mode == Mode::WeightRows) {
        lines.push_back("neuron " + std::to_string(index));
        return lines;
    }
    if (i < m_labels.size()) lines.push_back("label " + std::to_string(m_labels[i]));
    if (i < m_predictions.size()) {
        std::string line = std::string(kArrow) + " " + std::to_string(m_predictions[i]);
        if (isMistake(index)) line += " " + std::string(kCross);
        lines.push_back(line);
    }
    if (i < m_extraCaptions.size()) lines.push_back(m_extraCaptions[i]);
    return lines;
}

bool DigitView::isMistake(int index) const {
    const auto i = static_cast<std::size_t>(index);
    return index >= 0 && i < m_labels.size() && i < m_predictions.size() && m_labels[i] != m_predictions[i];
}

// ---------------------------------------------------------------- layout

void DigitView::ensureLayout() const {
    if (!m_layoutValid) layout(m_theme);
}

void DigitView::layout(const Theme& theme) const {
    m_tiles.clear();
    m_legendBar = {};
    const float pad = theme.padding;
    const float gap = theme.gap;
    const sf::FloatRect content{m_rect.left + pad, m_rect.top + pad, std::max(0.f, m_rect.width - 2.f * pad),
                                std::max(0.f, m_rect.height - 2.f * pad)};
    const float titleH = lineHeight(theme.titleSize, FontRole::UiBold);
    const float legendH = m_mode == Mode::WeightRows ? colorLegendHeight(theme) + gap : 0.f;
    const sf::FloatRect area{content.left, content.top + titleH + gap, content.width,
                             std::max(0.f, content.height - titleH - gap - legendH)};
    const int n = count();
    m_layoutValid = true;
    if (n == 0) return;

    struct Best {
        float tile = 0.f, pitchX = 0.f, pitchY = 0.f;
        int columns = 0;
    };
    // Captions at body size unless small captions give clearly bigger images (a quarter
    // more); no captions when neither fits or when dropping them more than doubles the images.
    struct Candidate {
        Best best;
        unsigned size = 0;
        int lines = 0;
        float captionH = 0.f;
    };
    auto evaluate = [&](unsigned size) {
        Candidate c;
        c.size = size;
        c.lines = size == 0 ? 0 : captionLines();
        const float lineH = size == 0 ? 0.f : lineHeight(size);
        c.captionH = c.lines == 0 ? 0.f : gap / 2.f + static_cast<float>(c.lines) * lineH +
                                              static_cast<float>(c.lines - 1) * gap / 3.f;
        float captionW = 0.f;
        if (c.lines > 0)
            for (int i = 0; i < n; ++i)
                for (const std::string& line : caption(i)) captionW = std::max(captionW, textWidth(line, size));
        for (int columns = 1; columns <= n; ++columns) {
            const int rows = (n + columns - 1) / columns;
            // Captions wider than the image keep two gaps between them so neighbours stay apart.
            const float slotGap = captionW > 0.f ? 2.f * gap : gap;
            const float slotW = (area.width - static_cast<float>(columns - 1) * slotGap) / static_cast<float>(columns);
            if (slotW < captionW) break;
            float tile = std::min(slotW, (area.height - static_cast<float>(rows) * c.captionH -
                                          static_cast<float>(rows - 1) * gap) /
                                             static_cast<float>(rows));
            tile = std::min(tile, 10.f * kDigitSide);
            tile = snapImageSize(tile, kDigitSide);
            // On a tie, more columns: a wide panel fills its width instead of its height.
            if (tile >= c.best.tile) {
                c.best.tile = tile;
                c.best.columns = columns;
                c.best.pitchX = std::max(tile + gap, captionW + slotGap);
                c.best.pitchY = tile + c.captionH + gap;
            }
        }
        return c;
    };
    auto usable = [](const Candidate& c) { return c.best.columns > 0 && c.best.tile >= 8.f; };
    Candidate chosen = evaluate(theme.bodySize);
    const Candidate small = evaluate(theme.smallSize);
    if (usable(small) && (!usable(chosen) || small.best.tile > 1.25f * chosen.best.tile)) chosen = small;
    // Weight rows drop their "neuron i" captions when these shrink the pictures to under half
    // the size they could have (the tooltip still names each one). Samples keep theirs.
    if (const Candidate bare = evaluate(0); m_mode == Mode::WeightRows && usable(bare) &&
                                            (!usable(chosen) || bare.best.tile > 2.f * chosen.best.tile))
        chosen = bare;
    else if (!usable(chosen))
        chosen = bare;
    if (!usable(chosen)) return;
    {
        const Best& best = chosen.best;
        const unsigned size = chosen.size;
        const int lines = chosen.lines;
        m_captionSize = size;
        m_shownCaptionLines = lines;
        for (int i = 0; i < n; ++i) {
            const int col = i % best.columns;
            const int row = i / best.columns;
            const float slot = best.pitchX - (lines > 0 ? 2.f * gap : gap);
            const float x = area.left + static_cast<float>(col) * best.pitchX + (slot - best.tile) / 2.f;
            const float y = area.top + static_cast<float>(row) * best.pitchY;
            m_tiles.push_back({std::round(x), std::round(y), best.tile, best.tile});
        }
        if (m_mode == Mode::WeightRows) {
            const int rows = (n + best.columns - 1) / best.columns;
            const float top = area.top + static_cast<float>(rows) * best.pitchY;
            const float width = std::min(content.width - colorLegendNonFiniteWidth(theme),
                                         std::clamp(static_cast<float>(best.columns) * best.pitchX - gap,
                                                    12.f * theme.smallSize, 28.f * theme.smallSize));
            m_legendBar = {content.left, top, std::max(0.f, width), colorLegendBarHeight(theme)};
        }
    }
}

// ---------------------------------------------------------------- queries

sf::FloatRect DigitView::imageRect(int index) const {
    ensureLayout();
    if (index < 0 || index >= static_cast<int>(m_tiles.size())) return {};
    return m_tiles[static_cast<std::size_t>(index)];
}

sf::FloatRect DigitView::pixelRect(int index, int row, int col) const {
    const sf::FloatRect tile = imageRect(index);
    if (tile.width <= 0.f) return {};
    return digitPixelRect(tile, row, col);
}

std::optional<int> DigitView::imageAt(sf::Vector2f point) const {
    ensureLayout();
    for (std::size_t i = 0; i < m_tiles.size(); ++i)
        if (m_tiles[i].contains(point)) return static_cast<int>(i);
    return std::nullopt;
}

sf::FloatRect DigitView::legendRect() const {
    ensureLayout();
    return m_legendBar;
}

std::optional<std::string> DigitView::tooltipText() const {
    const auto index = imageAt(m_mouse);
    if (!index) return std::nullopt;
    const sf::FloatRect tile = imageRect(*index);
    const int col = std::clamp(static_cast<int>((m_mouse.x - tile.left) / tile.width * kDigitSide), 0, kDigitSide - 1);
    const int row = std::clamp(static_cast<int>((m_mouse.y - tile.top) / tile.height * kDigitSide), 0, kDigitSide - 1);
    const int k = row * kDigitSide + col;
    const float value = m_images(k, *index);
    const std::string where = " (row " + std::to_string(row) + ", col " + std::to_string(col) + ")";
    if (m_mode == Mode::WeightRows)
        return m_name + "[" + std::to_string(*index) + ", " + std::to_string(k) + "] = " + formatValue(value) + where;
    const auto i = static_cast<std::size_t>(*index);
    const int j = i < m_indices.size() ? m_indices[i] : *index;
    return "A0[" + std::to_string(k) + ", " + std::to_string(j) + "] = " + formatValue(value) + where;
}

std::optional<int> DigitView::takeClickedImage() {
    auto clicked = m_clicked;
    m_clicked.reset();
    return clicked;
}

bool DigitView::handleEvent(const sf::Event& event) {
    switch (event.type) {
    case sf::Event::MouseMoved:
        m_mouse = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        return imageAt(m_mouse).has_value();
    case sf::Event::MouseButtonPressed: {
        if (event.mouseButton.button != sf::Mouse::Left) return false;
        const sf::Vector2f p{static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
        const auto index = imageAt(p);
        if (index) m_clicked = index;
        return index.has_value();
    }
    case sf::Event::MouseLeft: m_mouse = {-1.f, -1.f}; return false;
    default: return false;
    }
}

// ---------------------------------------------------------------- drawing

void DigitView::draw(sf::RenderTarget& target, const Theme& theme) {
    m_theme = theme;
    layout(theme);
    if (m_atlasDirty) {
        m_atlas.build(m_images, m_colormap);
        m_atlasDirty = false;
    }
    drawBox(target, m_rect, theme.panel, theme.panelBorder, 1.f);
    // A title too long for a narrow panel gives way to the short one, when there is one ("W1").
    const float titleRoom = m_rect.width - 2.f * theme.padding;
    const std::string shown = !m_shortTitle.empty() && textWidth(title(), theme.titleSize, FontRole::UiBold) > titleRoom
                                  ? m_shortTitle
                                  : title();
    drawText(target, elide(shown, theme.titleSize, titleRoom, FontRole::UiBold), {m_rect.left + theme.padding, m_rect.top + theme.padding}, theme.titleSize, theme.text,
             HAlign::Left, VAlign::Top, FontRole::UiBold);

    sf::VertexArray tiles(sf::Triangles);
    for (std::size_t i = 0; i < m_tiles.size(); ++i) m_atlas.appendTile(tiles, static_cast<int>(i), m_tiles[i]);
    sf::VertexArray frames(sf::Triangles);
    for (std::size_t i = 0; i < m_tiles.size(); ++i) {
        const sf::FloatRect& t = m_tiles[i];
        const bool mistake = isMistake(static_cast<int>(i));
        const float w = mistake ? theme.lineWidth + 1.f : 1.f;
        const sf::Color c = mistake ? theme.mistake : theme.panelBorder;
        appendRect(frames, {t.left - w, t.top - w, t.width + 2 * w, w}, c);
        appendRect(frames, {t.left - w, t.top + t.height, t.width + 2 * w, w}, c);
        appendRect(frames, {t.left - w, t.top, w, t.height}, c);
        appendRect(frames, {t.left + t.width, t.top, w, t.height}, c);
    }
    target.draw(frames);
    m_atlas.drawTiles(target, tiles);

    if (m_highlighted && *m_highlighted >= 0 && *m_highlighted < static_cast<int>(m_tiles.size())) {
        const sf::FloatRect& t = m_tiles[static_cast<std::size_t>(*m_highlighted)];
        sf::RectangleShape outline({t.width, t.height});
        outline.setPosition(t.left, t.top);
        outline.setFillColor(sf::Color::Transparent);
        outline.setOutlineColor(theme.highlight);
        outline.setOutlineThickness(theme.lineWidth + 2.f);
        target.draw(outline);
    }

    if (m_shownCaptionLines > 0) {
        const float lineH = lineHeight(m_captionSize);
        for (std::size_t i = 0; i < m_tiles.size(); ++i) {
            const sf::FloatRect& t = m_tiles[i];
            float y = t.top + t.height + theme.gap / 2.f;
            const bool mistake = isMistake(static_cast<int>(i));
            const auto lines = caption(static_cast<int>(i));
            for (std::size_t l = 0; l < lines.size(); ++l) {
                const bool predictionLine = m_mode == Mode::Samples && !m_predictions.empty() &&
                                            l == (m_labels.empty() ? 0u : 1u);
                const sf::Color color = predictionLine ? (mistake ? theme.mistake : theme.mutedText) : theme.text;
                drawText(target, lines[l], {t.left + t.width / 2.f, y}, m_captionSize, color, HAlign::Center);
                y += lineH + theme.gap / 3.f;
            }
        }
    }

    if (m_legendBar.width > 0.f) drawColorLegend(target, theme, m_colormap, m_legendBar, !m_images.allFinite());

    if (const auto text = tooltipText()) drawTooltip(target, theme, *text, m_mouse);
}

} // namespace stepwise::views
