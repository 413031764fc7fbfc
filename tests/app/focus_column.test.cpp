// The learner chooses the input (issue 12, device 5): ] and [ or a click on a training image
// change the focused image j, and every view that shows it follows: the images' outline, the
// heatmap's highlighted column, the dot product's entry and the diagram's sample, on this step
// and the next.
#include "app/screens/lesson_session.hpp"
#include "lessons/lesson_parser.hpp"
#include "support/display.hpp"
#include "training/trainer.hpp"
#include "views/dot_product_view.hpp"
#include "views/network_view.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace stepwise;
using namespace std::chrono_literals;
using namespace stepwise::test;

namespace {

const char* const kLesson = R"(id = "follow"
title = "Follow one image"
order = 1
summary = "One image through the first layer."

[[step]]
title = "One image, four views"
narration = "The image you pick is the column j of every view."
executes = "forward.z1"
highlight = ["Z1[:, j]", "A0[:, j]"]

  [[step.show]]
  view = "digits"
  tensor = "A0"

  [[step.show]]
  view = "heatmap"
  tensor = "Z1"

  [[step.show]]
  view = "dot-product"
  tensor = "Z1"
  cell = "Z1[3, j]"

  [[step.show]]
  view = "diagram"

[[step]]
title = "The same image, one step on"
narration = "The choice stays."
highlight = ["Z1[:, j]"]

  [[step.show]]
  view = "heatmap"
  tensor = "Z1"
)";

lessons::LessonPlayer followLesson() { return lessonFromText("focus-lesson", "01-follow.toml", kLesson); }

app::SessionOptions quietOptions() { return scratchSessionOptions("focus-checkpoints"); }

sf::Image frame(app::LessonSession& session, training::Trainer& trainer, sf::RenderTexture& texture) {
    REQUIRE(trainer.waitUntilIdle(60s));
    session.syncTrainer();
    return settledFrame(session, trainer, texture);
}

// What each view of the first step focuses on: the outlined image, the heatmap's highlighted
// column, the dot product's sample column and the diagram's sample.
struct Focus {
    std::optional<int> image, heatmapColumn, dotColumn, diagramSample;
};

Focus focusOf(const app::LessonSession& session) {
    const auto views = session.screen().panelViews();
    REQUIRE(views.size() == 4u);
    Focus f;
    f.image = dynamic_cast<const views::DigitView&>(*views[0]).highlighted();
    for (const auto& h : dynamic_cast<const views::MatrixView&>(*views[1]).highlights())
        if (h.kind == views::MatrixView::Highlight::Kind::Column) f.heatmapColumn = h.column;
    f.dotColumn = dynamic_cast<const views::DotProductView&>(*views[2]).cell().second;
    f.diagramSample = dynamic_cast<const views::NetworkView&>(*views[3]).sampleIndex();
    return f;
}

void checkFocus(const app::LessonSession& session, int j) {
    INFO("focused image " << j);
    CHECK(session.screen().focusColumn() == j);
    const Focus f = focusOf(session);
    CHECK(f.image == j);
    CHECK(f.heatmapColumn == j);
    CHECK(f.dotColumn == j);
    CHECK(f.diagramSample == j);
}

} // namespace

TEST_CASE("[app] ] and [ or a click choose the focused image, and every view follows it") {
    requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::LessonSession session(followLesson(), trainer, quietOptions());
    session.setSize({1920.f, 1080.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    session.syncTrainer();
    const sf::Image before = frame(session, trainer, texture);
    checkFocus(session, 0);

    press(session, sf::Keyboard::RBracket);
    press(session, sf::Keyboard::RBracket);
    const sf::Image after = frame(session, trainer, texture);
    after.saveToFile((scratchDir("focus-shots") / "image-2.png").string()); // for a human to look at
    checkFocus(session, 2);
    // The outline moved: image 2's tile now has the highlight colour on its top edge, image 0's not.
    const auto& digits = dynamic_cast<const views::DigitView&>(*session.screen().panelViews()[0]);
    const auto edge = [&](const sf::Image& image, int index) {
        const sf::FloatRect r = digits.imageRect(index);
        int hits = 0;
        const auto y = static_cast<unsigned>(r.top - 2.f);
        for (auto x = static_cast<unsigned>(r.left); x < static_cast<unsigned>(r.left + r.width); ++x)
            hits += image.getPixel(x, y) == session.screen().theme().highlight;
        return hits > static_cast<int>(r.width / 2.f);
    };
    CHECK(edge(before, 0));
    CHECK_FALSE(edge(before, 2));
    CHECK(edge(after, 2));
    CHECK_FALSE(edge(after, 0));
    // The status line names the image and its label.
    CHECK(session.screen().status().find("Image j = 2 (label " + std::to_string(trainer.latest()->batch->labels(2)) +
                                             ")") != std::string::npos);

    // A click on image 7 picks it.
    const sf::FloatRect seven = digits.imageRect(7);
    sf::Event click;
    click.type = sf::Event::MouseButtonPressed;
    click.mouseButton = {sf::Mouse::Left, static_cast<int>(seven.left + seven.width / 2.f),
                         static_cast<int>(seven.top + seven.height / 2.f)};
    session.handleEvent(click);
    click.type = sf::Event::MouseButtonReleased;
    session.handleEvent(click);
    (void)frame(session, trainer, texture);
    checkFocus(session, 7);

    // The choice carries to the next step; [ from 0 wraps to the last of the twelve images.
    press(session, sf::Keyboard::Right);
    (void)frame(session, trainer, texture);
    CHECK(session.screen().focusColumn() == 7);
    bool column7 = false;
    for (const auto& h : dynamic_cast<const views::MatrixView&>(*session.screen().panelViews()[0]).highlights())
        column7 = column7 || (h.kind == views::MatrixView::Highlight::Kind::Column && h.column == 7);
    CHECK(column7);
    press(session, sf::Keyboard::Left);
    for (int k = 0; k < 8; ++k) press(session, sf::Keyboard::LBracket);
    (void)frame(session, trainer, texture);
    checkFocus(session, app::LessonScreen::kFocusImages - 1);
}
