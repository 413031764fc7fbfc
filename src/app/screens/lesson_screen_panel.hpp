// LessonScreen::Panel: one [[step.show]] entry of the current step and the view that draws it.
// Private to the LessonScreen files (lesson_screen*.cpp); UI thread only.
#pragma once

#include "app/screens/lesson_screen.hpp"
#include "app/screens/live_checks.hpp"
#include "views/text_table.hpp"

#include <future>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::app {

/// \brief The rows of the equation box around the typeset equation: the label above ("equation 2
/// of 17 · forward.z1 · …") and the shape line below. Presenter mode packs them tighter, since its
/// large type leaves the panels little height on a 720-line screen.
struct EquationChrome {
    float label = 0.f;  ///< from the box's top edge to the equation's area
    float shapes = 0.f; ///< the shape line's row under the equation area
};
/// \brief The equation box's rows for \p theme, tighter when \p presenting.
inline EquationChrome equationChrome(const views::Theme& theme, bool presenting) {
    if (!presenting)
        return {theme.padding + static_cast<float>(theme.smallSize) * 1.6f, static_cast<float>(theme.bodySize) * 2.0f};
    return {theme.gap + views::lineHeight(theme.smallSize) + theme.gap * 0.5f, views::lineHeight(theme.bodySize) + theme.gap};
}

/// \brief One panel: its spec from the lesson file, its rectangle and the one view it holds.
struct LessonScreen::Panel {
    std::future<BackgroundResult> check; ///< the gradient check or loss slice running in the background
    std::vector<CheckRow> checkRows;     ///< a check's result, once collected
    std::optional<LossSlice> slice;      ///< a loss slice, once collected
    long checkedIteration = -1;               ///< the iteration checkRows belong to
    lessons::ViewSpec spec;                   ///< the lesson file's `[[step.show]]` entry
    sf::FloatRect rect;                       ///< where it is drawn, screen px
    std::string placeholder;                  ///< shown instead of the view while its data is missing
    std::unique_ptr<views::MatrixView> matrix;                 ///< heatmap (and a bias gradient's row)
    std::unique_ptr<views::DigitView> digits;                  ///< images and weights as images
    std::unique_ptr<views::NetworkView> network;               ///< the network diagram
    std::unique_ptr<views::DotProductView> dot;                ///< Z¹ = W¹A⁰ + b¹ for one entry
    std::unique_ptr<views::WeightGradientView> gradient;       ///< dWˡ for one entry
    std::unique_ptr<views::ReluMaskView> mask;                 ///< where g′(Z) lets the gradient through
    std::unique_ptr<views::PlotView> plot;                     ///< loss and accuracy curves
    std::unique_ptr<views::ConfusionView> confusion;           ///< the dev confusion matrix
    std::unique_ptr<views::PredictionGalleryView> gallery;     ///< dev predictions
    std::optional<views::TextTable> table; ///< tabular text panels: live checks, equation shapes
    /// \brief The table's layout, kept while the table, its area and the type size stay the same
    /// (fitting measures every row at several sizes: too much for every frame).
    struct {
        std::optional<views::TableFit> fit;
        sf::FloatRect area;
        unsigned bodySize = 0;
    } tableLayout;

    /// \brief Shows \p next, keeping the layout when it says what the table already said.
    void setTable(views::TextTable next) {
        if (table && *table == next) return;
        table = std::move(next);
        tableLayout.fit.reset();
    }
    /// \brief The table's layout in \p area (computed once for each table, area and type size).
    const views::TableFit& tableFit(const sf::FloatRect& area, const views::Theme& theme) {
        if (!tableLayout.fit || tableLayout.area != area || tableLayout.bodySize != theme.bodySize) {
            tableLayout.fit = views::fitTable(*table, {area.width, area.height}, theme);
            tableLayout.area = area;
            tableLayout.bodySize = theme.bodySize;
        }
        return *tableLayout.fit;
    }

    /// \brief The view this panel holds, through the interface all views share; nullptr for
    /// table panels.
    [[nodiscard]] views::View* view() const {
        for (views::View* v : std::initializer_list<views::View*>{matrix.get(), digits.get(), network.get(), dot.get(),
                                                                  gradient.get(), mask.get(), plot.get(),
                                                                  confusion.get(), gallery.get()})
            if (v) return v;
        return nullptr;
    }
};

/// \brief Where a text panel draws: its frame (the panel's rectangle above its caption) and, inside
/// it, the area for its table or text.
struct TextPanelArea {
    sf::FloatRect box;   ///< the frame
    sf::FloatRect inner; ///< the text's area
};
/// \brief A panel's caption as drawn under it in \p width px: one line, or two when it is longer
/// (the second shortened with "…" if even two are too few); empty without a caption.
inline std::vector<std::string> captionLines(const std::string& caption, float width, const views::Theme& theme) {
    if (caption.empty()) return {};
    return views::wrapText(caption, theme.smallSize, width, views::FontRole::Ui, 2);
}
/// \brief The height a caption of \p lines lines takes under its panel.
inline float captionHeight(std::size_t lines, const views::Theme& theme) {
    if (lines == 0) return 0.f;
    return static_cast<float>(theme.smallSize) * 2.0f + static_cast<float>(lines - 1) * (views::lineHeight(theme.smallSize) + 2.f);
}
/// \brief The text areas of a panel at \p rect with a caption \p captionH tall, in \p theme.
inline TextPanelArea textPanelArea(const sf::FloatRect& rect, float captionH, const views::Theme& theme) {
    const sf::FloatRect box{rect.left, rect.top, rect.width, rect.height - captionH};
    const float inset = theme.padding;
    return {box, {box.left + inset, box.top + inset, box.width - 2 * inset, box.height - inset - theme.padding}};
}

} // namespace stepwise::app
