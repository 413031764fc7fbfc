// A step's questions in the window (issue 12, "predict, then reveal"): the learner answers with
// keys alone, a wrong answer says why, the held views and the held equation wait for the answer,
// a typed number takes its characters from the keyboard, and in presenter mode the class's pick
// waits for the presenter's → before it is judged. Checked on the session's state, the trainer's
// position and the pixels of the frame.
#include "app/screens/lesson_session.hpp"
#include "lessons/lesson_parser.hpp"
#include "support/display.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace stepwise;
using namespace std::chrono_literals;
using namespace stepwise::test;

namespace {

// Two steps: a choice that holds the views and the equation back, then a typed number.
const char* const kLesson = R"(id = "asking"
title = "Asking"
order = 1
summary = "Two questions."

[[step]]
title = "Predict the shape"
narration = "Before we compute it: what changes when one pixel changes?"
executes = "forward.z1"

  [[step.show]]
  view = "heatmap"
  tensor = "Z1"
  columns = [0, 8]

  [[step.question]]
  kind = "choice"
  prompt = "Change one pixel of one image: how many entries of $Z^{1}$ change?"
  choices = ["1", "10", "41,000"]
  feedback = ["All ten neurons read that pixel.", "Yes.", "Other images never see it."]
  answer = "B"
  explain = "Only the image's own column changes, in all ten rows."
  reveal = "Now look at the heatmap."
  hold = ["views", "run"]

[[step]]
title = "Count the weights"
narration = "The first layer joins every pixel to every hidden neuron."

  [[step.question]]
  kind = "number"
  prompt = "How many weights does the first layer have?"
  answer = 7840
  tolerance = 0
  explain = "784 inputs times 10 neurons."
)";

lessons::LessonPlayer askingLesson() { return lessonFromText("questions-lesson", "01-asking.toml", kLesson); }

app::SessionOptions quietOptions() { return scratchSessionOptions("questions-checkpoints"); }

void typeText(app::LessonSession& session, const std::string& text) {
    for (char c : text) {
        // A key press first (it must not reach the shortcuts), then the character itself.
        const auto code = c >= '0' && c <= '9' ? static_cast<sf::Keyboard::Key>(sf::Keyboard::Num0 + (c - '0')) : sf::Keyboard::Period;
        session.handleEvent(keyEvent(code));
        sf::Event e;
        e.type = sf::Event::TextEntered;
        e.text.unicode = static_cast<std::uint32_t>(c);
        session.handleEvent(e);
        session.handleEvent(keyEvent(code, false, sf::Event::KeyReleased));
    }
}

sf::Image frame(app::LessonSession& session, training::Trainer& trainer, sf::RenderTexture& texture) {
    return settledFrame(session, trainer, texture);
}

int pixelsNear(const sf::Image& image, const sf::FloatRect& area, sf::Color colour) {
    int n = 0;
    const auto size = image.getSize();
    for (auto y = static_cast<unsigned>(std::max(0.f, area.top)); y < std::min<unsigned>(size.y, static_cast<unsigned>(area.top + area.height)); ++y)
        for (auto x = static_cast<unsigned>(std::max(0.f, area.left)); x < std::min<unsigned>(size.x, static_cast<unsigned>(area.left + area.width)); ++x) {
            const sf::Color c = image.getPixel(x, y);
            if (std::abs(c.r - colour.r) + std::abs(c.g - colour.g) + std::abs(c.b - colour.b) < 24) ++n;
        }
    return n;
}

bool saysSomewhere(const std::vector<std::string>& lines, std::string_view text) {
    for (const auto& l : lines)
        if (l.find(text) != std::string::npos) return true;
    return false;
}

} // namespace

TEST_CASE("[app] a question waits for the learner's key, a wrong answer says why, then the held views and equation appear") {
    requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::LessonSession session(askingLesson(), trainer, quietOptions());
    session.setSize({1920.f, 1080.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    session.syncTrainer();
    const auto& lesson = session.player().currentLesson();
    const views::Theme& theme = session.screen().theme();

    // Waiting: the card is on screen, the view is held back and forward.z1 (position 2) has not run.
    sf::Image image = frame(session, trainer, texture);
    CHECK(session.quiz().waiting(lesson, 0));
    REQUIRE(session.screen().questionRect().height > 0.f);
    CHECK(session.screen().viewsHeld());
    CHECK(trainer.latest()->position == 1u);
    CHECK(saysSomewhere(session.screen().questionText(), "Press A–C (or 1–3)"));
    const sf::FloatRect panel = session.screen().panelRects().at(0).second;
    CHECK(session.screen().matrixPanel(0) != nullptr);
    // The held panel is a plain box with a sentence, not a heatmap: almost all of it is panel colour.
    const int heldPanelPixels = pixelsNear(image, panel, theme.panel);
    CHECK(heldPanelPixels > static_cast<int>(panel.width * panel.height * 0.8f));

    // A wrong answer (A): marked, with the choice's own feedback and the explanation.
    press(session, sf::Keyboard::A);
    image = frame(session, trainer, texture);
    CHECK_FALSE(session.quiz().waiting(lesson, 0));
    const auto outcome = session.quiz().outcome(lesson, 0, 0);
    CHECK(outcome.answered);
    CHECK_FALSE(outcome.correct);
    CHECK(outcome.choice == 0);
    const auto& text = session.screen().questionText();
    CHECK(saysSomewhere(text, "✗ Not quite: the answer is B. 10."));
    CHECK(saysSomewhere(text, "All ten neurons read that pixel."));
    CHECK(saysSomewhere(text, "Only the image's own column changes"));
    CHECK(saysSomewhere(text, "Now look at the heatmap."));
    image.saveToFile((scratchDir("questions-shots") / "answered-wrong-1080.png").string()); // for a human to look at
    // The wrong choice is framed in the mistake colour, the right one in the accent colour.
    CHECK(pixelsNear(image, session.screen().choiceRect(0), theme.mistake) > 50);
    CHECK(pixelsNear(image, session.screen().choiceRect(1), theme.accent) > 50);
    // The answer released the equation and the view.
    CHECK(trainer.latest()->position == 2u);
    CHECK_FALSE(session.screen().viewsHeld());
    // The heatmap's cells now cover a good part of what was a plain box.
    const sf::FloatRect grid = session.screen().matrixPanel(0)->gridRect();
    CHECK(pixelsNear(image, panel, theme.panel) < heldPanelPixels - static_cast<int>(grid.width * grid.height * 0.5f));

    // → goes on to the next step, whose number question takes typed digits, not the digit shortcuts.
    press(session, sf::Keyboard::Right);
    REQUIRE(session.player().stepIndex() == 1u);
    CHECK(session.quiz().waiting(lesson, 1));
    typeText(session, "7841");
    CHECK(session.player().stepIndex() == 1u); // "7841" jumped nowhere
    CHECK(session.quiz().typedSoFar(lesson, 1) == "7841");
    press(session, sf::Keyboard::Backspace); // edits the answer, does not go back a step
    CHECK(session.player().stepIndex() == 1u);
    typeText(session, "0");
    press(session, sf::Keyboard::Enter);
    CHECK(session.player().stepIndex() == 1u); // Enter checked the answer
    CHECK(session.quiz().outcome(lesson, 1, 0).correct);
    (void)frame(session, trainer, texture);
    CHECK(saysSomewhere(session.screen().questionText(), "✓ Right."));
    CHECK(saysSomewhere(session.screen().questionText(), "784 inputs times 10 neurons."));
}

TEST_CASE("[app] in presenter mode the class's pick waits for the presenter's key, and → alone reveals the answer") {
    requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::LessonSession session(askingLesson(), trainer, quietOptions());
    session.setSize({1280.f, 720.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    session.syncTrainer();
    press(session, sf::Keyboard::F5);
    REQUIRE(session.presenting());
    const auto& lesson = session.player().currentLesson();

    // The waiting question goes over the panels, large, and fits the 720-line screen.
    (void)frame(session, trainer, texture);
    const sf::FloatRect card = session.screen().questionRect();
    REQUIRE(card.height > 0.f);
    CHECK(card.left > session.screen().narrationRect().left + session.screen().narrationRect().width);
    CHECK(card.top + card.height <= 720.f);
    CHECK(session.screen().choiceRect(2).height > 0.f);

    press(session, sf::Keyboard::C); // the class says C: marked, not judged
    CHECK(session.quiz().waiting(lesson, 0));
    CHECK(session.quiz().picked(lesson, 0) == 2);
    CHECK_FALSE(session.comparing()); // C answered the question, it did not open the compare screen
    press(session, sf::Keyboard::Right); // the presenter reveals
    CHECK(session.player().stepIndex() == 0u);
    const auto outcome = session.quiz().outcome(lesson, 0, 0);
    CHECK(outcome.answered);
    CHECK(outcome.choice == 2);
    CHECK_FALSE(outcome.correct);
    CHECK(trainer.waitUntilIdle(60s));
    CHECK(trainer.latest()->position == 2u);

    // On the next step → alone reveals without an answer.
    press(session, sf::Keyboard::Right);
    REQUIRE(session.player().stepIndex() == 1u);
    press(session, sf::Keyboard::Right);
    CHECK(session.player().stepIndex() == 1u);
    const auto revealed = session.quiz().outcome(lesson, 1, 0);
    CHECK(revealed.done);
    CHECK_FALSE(revealed.answered);
    (void)frame(session, trainer, texture);
    CHECK(saysSomewhere(session.screen().questionText(), "The answer: 7,840"));
    press(session, sf::Keyboard::Right); // the last step: nothing further, and nothing breaks
    CHECK(session.player().stepIndex() == 1u);
}

TEST_CASE("[app] lesson 1's end check takes the view area, is answered with keys alone and ends on the learner's score") {
    requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.setSize({1920.f, 1080.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    const std::size_t last = session.player().lessons()[0].steps.size() - 1;
    REQUIRE(session.player().jumpTo("data", last));
    session.syncTrainer();
    const auto& lesson = session.player().currentLesson();
    REQUIRE(lesson.steps[last].check);
    REQUIRE(lesson.steps[last].questions.size() == 4);
    const views::Theme& theme = session.screen().theme();

    // The step has no views: the card stands where they would, in larger text than the narration's.
    (void)frame(session, trainer, texture);
    const sf::FloatRect card = session.screen().questionRect();
    REQUIRE(card.height > 0.f);
    const sf::FloatRect narration = session.screen().narrationRect();
    CHECK(card.left > narration.left + narration.width);
    CHECK(saysSomewhere(session.screen().questionText(), "Check: question 1 of 4"));

    typeText(session, "28"); // wrong: X has 784 rows
    press(session, sf::Keyboard::Enter);
    CHECK_FALSE(session.quiz().outcome(lesson, last, 0).correct);
    (void)frame(session, trainer, texture);
    CHECK(saysSomewhere(session.screen().questionText(), "the answer is 784"));
    press(session, sf::Keyboard::Right); // the next question, not the next step
    CHECK(session.player().stepIndex() == last);
    press(session, sf::Keyboard::B); // right: column j is image j
    CHECK(session.quiz().outcome(lesson, last, 1).correct);
    press(session, sf::Keyboard::Right);
    typeText(session, "0.2"); // right: 51 / 255
    press(session, sf::Keyboard::Enter);
    CHECK(session.quiz().outcome(lesson, last, 2).correct);
    press(session, sf::Keyboard::Right);
    press(session, sf::Keyboard::A); // wrong: the dev set measures reading unseen digits
    CHECK_FALSE(session.quiz().outcome(lesson, last, 3).correct);
    press(session, sf::Keyboard::Right); // → the score
    CHECK(session.player().stepIndex() == last);
    const auto score = session.quiz().score(lesson, last);
    CHECK(score.correct == 2);
    CHECK(score.total == 4);
    sf::Image image = frame(session, trainer, texture);
    image.saveToFile((scratchDir("questions-shots") / "end-check-score-1080.png").string()); // for a human to look at
    CHECK(saysSomewhere(session.screen().questionText(), "Your score: 2 of 4 right"));
    CHECK(saysSomewhere(session.screen().questionText(), "F12 saves a screenshot"));
    // The summary card is drawn where the views would be: its frame in the accent colour.
    CHECK(pixelsNear(image, session.screen().questionRect(), theme.accent) > 200);
    press(session, sf::Keyboard::Right); // and → goes on to Lesson 2
    CHECK(session.player().currentLesson().id == "anatomy");
    REQUIRE(trainer.waitUntilIdle(60s));
}
