// Presenter mode as a class sees it: legible text sizes at projector resolutions, a
// presentation remote's keys (next, previous, blank, unblank, jump), autoplay that loops, and
// a text scale that survives a restart. Keys are synthesised sf::Events fed to LessonSession,
// the same object the window feeds; frames render offscreen under Xvfb.
#include "app/screens/lesson_session.hpp"
#include "support/display.hpp"
#include "lessons/lesson_parser.hpp"
#include "support/test_paths.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <thread>

using namespace stepwise;
using namespace std::chrono_literals;

using namespace stepwise::test;

namespace {

app::SessionOptions options(bool present, double autoplay, std::filesystem::path settings = {}) {
    app::SessionOptions o;
    o.present = present;
    o.autoplaySeconds = autoplay;
    o.settingsFile = std::move(settings);
    o.checkpointDir = test::scratchDir("presenter-checkpoints");
    o.exportDir = test::scratchDir("presenter-exports");
    return o;
}

sf::Image render(app::LessonSession& session, sf::RenderTexture& texture, training::Trainer& trainer) {
    REQUIRE(trainer.waitUntilIdle(60s));
    session.draw(texture);
    session.draw(texture); // second pass draws with measured layouts
    texture.display();
    return texture.getTexture().copyToImage();
}

/// Fraction of sampled pixels exactly equal to \p colour.
double fractionOf(const sf::Image& image, sf::Color colour) {
    int same = 0, all = 0;
    for (unsigned y = 0; y < image.getSize().y; y += 7)
        for (unsigned x = 0; x < image.getSize().x; x += 7, ++all)
            if (image.getPixel(x, y) == colour) ++same;
    return static_cast<double>(same) / all;
}

/// Fraction of sampled pixels lighter than 230 in every channel (projector paper and panels).
double lightFraction(const sf::Image& image) {
    int light = 0, all = 0;
    for (unsigned y = 0; y < image.getSize().y; y += 7)
        for (unsigned x = 0; x < image.getSize().x; x += 7, ++all) {
            const sf::Color c = image.getPixel(x, y);
            if (c.r > 230 && c.g > 230 && c.b > 230) ++light;
        }
    return static_cast<double>(light) / all;
}

} // namespace

TEST_CASE("[app] presenter mode text is legible from the back row at 1280x720 and 1920x1080") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    for (const sf::Vector2u size : {sf::Vector2u(1280, 720), sf::Vector2u(1920, 1080)}) {
        INFO("size " << size.x << "x" << size.y);
        app::LessonSession session(allLessons(), trainer, options(true, 0.0));
        session.setSize({static_cast<float>(size.x), static_cast<float>(size.y)});
        sf::RenderTexture texture;
        REQUIRE(texture.create(size.x, size.y));
        const auto shots = test::scratchDir("presenter-" + std::to_string(size.x)); // for a human to look at
        std::size_t equations = 0, tables = 0;
        do { // every step of every lesson
            session.syncTrainer();
            if (session.player().isLiveStep()) trainer.send(training::command::Pause{}); // a still frame
            const sf::Image image = render(session, texture, trainer);
            const std::string where = session.player().currentLesson().id + "-" + std::to_string(session.player().stepIndex() + 1);
            INFO(where);
            image.saveToFile((shots / (where + ".png")).string());
            const auto m = session.screen().textMetrics();
            CHECK(m.narrationSize >= 28.f);
            CHECK(m.narrationLine >= 28.f);
            CHECK(m.statusSize >= 28.f);
            CHECK(m.tooltipSize >= 28.f);
            CHECK(m.smallestSize >= 22.f);
            if (!session.player().currentStep().equationTex(session.network()).empty()) {
                CHECK(m.equationSize >= 48.f);
                // The typeset equation fits its box on screen.
                const sf::FloatRect box = session.screen().equationRect();
                const sf::FloatRect eq = session.screen().equation().bounds();
                CHECK(eq.left >= box.left - 1.f);
                CHECK(eq.left + eq.width <= box.left + box.width + 1.f);
                CHECK(eq.top + eq.height <= box.top + box.height + 1.f);
                ++equations;
            }
            // Panels keep a usable share of the wall.
            for (const auto& [name, rect] : session.screen().panelRects()) {
                CHECK(rect.height >= 0.2f * static_cast<float>(size.y));
                CHECK(rect.top + rect.height <= static_cast<float>(size.y));
            }
            // The live checks and the shapes tables show every row, or at least the row the step is
            // about (and say how many are left off), in type no smaller than 22 px. The checks run in
            // the background: wait for their rows (an empty table says "computing…").
            auto computing = [&] {
                for (const views::TableFit& fit : session.screen().panelTableFits())
                    if (fit.shownRows == 0) return true;
                return false;
            };
            for (int wait = 0; wait < 100 && computing(); ++wait) {
                std::this_thread::sleep_for(100ms);
                render(session, texture, trainer);
            }
            CHECK_FALSE(computing());
            for (const views::TableFit& fit : session.screen().panelTableFits()) {
                CHECK((fit.fits || (fit.emphasisShown && fit.shownRows >= 3)));
                CHECK(fit.cellsWhole);
                CHECK(fit.scale * static_cast<float>(session.screen().theme().bodySize) >= 22.f);
                ++tables;
            }
            // The projector theme: a white background, black text.
            CHECK(image.getPixel(size.x - 3, size.y / 2) == sf::Color::White);
        } while (session.player().next());
        CHECK(equations >= 20);
        CHECK(tables >= 10);
    }
}

TEST_CASE("[app] a presentation remote moves, blanks, unblanks and jumps") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, options(true, 0.0));
    session.setSize({1280.f, 720.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    REQUIRE(session.player().jumpTo("forward", 0));
    using K = sf::Keyboard;

    press(session, K::PageDown);
    CHECK(session.player().stepIndex() == 1);
    // Step 2 asks a question: the first → reveals its answer, the next one moves on.
    REQUIRE_FALSE(session.player().currentStep().questions.empty());
    press(session, K::Right);
    CHECK(session.player().stepIndex() == 1);
    CHECK(session.quiz().outcome(session.player().currentLesson(), 1, 0).done);
    press(session, K::Right);
    CHECK(session.player().stepIndex() == 2);
    press(session, K::PageUp);
    CHECK(session.player().stepIndex() == 1);

    // B blanks to black; the next key only brings the picture back.
    CHECK(lightFraction(render(session, texture, trainer)) > 0.5);
    press(session, K::B);
    CHECK(session.remote().blank());
    CHECK(fractionOf(render(session, texture, trainer), sf::Color::Black) == 1.0);
    press(session, K::PageDown);
    CHECK_FALSE(session.remote().blank());
    CHECK(session.player().stepIndex() == 1);
    CHECK(lightFraction(render(session, texture, trainer)) > 0.5);
    // "." blanks too, and a mouse click also brings the picture back.
    press(session, K::Period);
    CHECK(session.remote().blank());
    sf::Event click;
    click.type = sf::Event::MouseButtonPressed;
    click.mouseButton = {sf::Mouse::Left, 10, 10};
    session.handleEvent(click);
    CHECK_FALSE(session.remote().blank());

    // Typing a step number then Enter jumps within the lesson; a number too large is refused.
    press(session, K::Num5);
    CHECK(session.remote().typedNumber() == "5");
    press(session, K::Enter);
    CHECK(session.player().stepIndex() == 4);
    CHECK(session.remote().typedNumber().empty());
    press(session, K::Num9);
    press(session, K::Num9);
    press(session, K::Enter);
    CHECK(session.player().stepIndex() == 4);
    press(session, K::Numpad2);
    press(session, K::Escape); // Esc forgets the digits, and stays in presenter mode
    press(session, K::Enter);  // Enter without digits is "next"
    CHECK(session.player().stepIndex() == 5);
    CHECK(session.presenting());
    press(session, K::Home);
    CHECK(session.player().stepIndex() == 0);
    press(session, K::End);
    CHECK(session.player().stepIndex() == session.player().currentLesson().steps.size() - 1);
    CHECK(session.player().currentLesson().id == "forward");

    // The trainer follows: the current step's equation has run on the real network.
    session.syncTrainer();
    REQUIRE(trainer.waitUntilIdle(60s));
    if (const auto target = session.player().stepperTargetSoFar(session.network())) CHECK(trainer.latest()->position == *target);

    // Esc leaves presenter mode, F5 enters it again.
    press(session, K::Escape);
    CHECK_FALSE(session.presenting());
    CHECK(session.screen().theme().bodySize < 28);
    press(session, K::F5);
    CHECK(session.presenting());
    CHECK(session.screen().theme().bodySize >= 28);
}

TEST_CASE("[app] autoplay advances on its own, loops, and any key takes control back") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, options(false, 2.0));
    CHECK(session.remote().autoplaying());
    CHECK(session.player().atStart());
    session.tick(1.0);
    CHECK(session.player().stepIndex() == 0);
    session.tick(1.0);
    CHECK(session.player().stepIndex() == 1);
    session.tick(2.5);
    CHECK(session.player().stepIndex() == 2);
    // From the very last step it loops back to the first.
    const std::size_t last = session.player().lessons().size() - 1;
    REQUIRE(session.player().jumpTo(last, session.player().lessons()[last].steps.size() - 1));
    session.tick(2.0);
    CHECK(session.player().atStart());
    // A key stops autoplay and still does its job.
    press(session, sf::Keyboard::Right);
    CHECK_FALSE(session.remote().autoplaying());
    CHECK(session.player().stepIndex() == 1);
    session.tick(10.0);
    CHECK(session.player().stepIndex() == 1);
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] autoplay resumes after the resume time and leaves the draw screen and the menu") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::SessionOptions o = options(false, 2.0);
    o.autoplayResumeSeconds = 5.0;
    app::LessonSession session(allLessons(), trainer, o);
    press(session, sf::Keyboard::G); // a visitor draws a digit: autoplay stops
    CHECK(session.drawing());
    CHECK_FALSE(session.remote().autoplaying());
    session.tick(4.0);
    CHECK(session.drawing());
    CHECK(session.player().atStart());
    session.tick(1.5); // nobody for 5.5 s: back to the lesson, and the steps go on
    CHECK(session.remote().autoplaying());
    CHECK_FALSE(session.drawing());
    CHECK(session.player().atStart());
    session.tick(2.0);
    CHECK(session.player().stepIndex() == 1);
    press(session, sf::Keyboard::L); // the lesson menu is closed the same way
    CHECK(session.screen().menuOpen());
    session.tick(5.5);
    CHECK_FALSE(session.screen().menuOpen());
    CHECK(session.remote().autoplaying());
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] the text scale is remembered between runs") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    const auto file = test::scratchDir("settings") / "stepwise" / "settings.toml";
    unsigned bigger = 0;
    {
        app::LessonSession session(allLessons(), trainer, options(false, 0.0, file));
        session.setSize({1920.f, 1080.f});
        const unsigned before = session.screen().theme().bodySize;
        press(session, sf::Keyboard::Equal, true);
        press(session, sf::Keyboard::Equal, true);
        CHECK(session.textScale() == Approx(1.21f).epsilon(1e-4));
        bigger = session.screen().theme().bodySize;
        CHECK(bigger > before);
        press(session, sf::Keyboard::Right);
    }
    REQUIRE(std::filesystem::exists(file));
    app::LessonSession again(allLessons(), trainer, options(false, 0.0, file));
    again.setSize({1920.f, 1080.f});
    CHECK(again.textScale() == Approx(1.21f).epsilon(1e-4));
    CHECK(again.screen().theme().bodySize == bigger);
    CHECK(app::loadSettings(file).lastLesson == "data");
    // Ctrl+0 goes back to 100 %; Ctrl − below the presenter minimum keeps 28 px text.
    press(again, sf::Keyboard::Num0, true);
    CHECK(again.textScale() == 1.f);
    press(again, sf::Keyboard::F5);
    for (int i = 0; i < 5; ++i) press(again, sf::Keyboard::Hyphen, true);
    CHECK(again.screen().theme().bodySize >= 28);
    // A malformed settings file gives the defaults, not an error.
    std::ofstream(file) << "text_scale = [oops";
    CHECK(app::loadSettings(file).textScale == 1.f);
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] spotlight, laser pointer and magnifier follow the keys and the mouse") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, options(true, 0.0));
    session.setSize({1920.f, 1080.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    REQUIRE(session.player().jumpTo("forward", 1)); // Z1 = W1 A0 + b1 with its heatmaps
    session.syncTrainer();
    using K = sf::Keyboard;
    const sf::Image plain = render(session, texture, trainer);

    // F: the spotlight goes to the step's focus view and dims what lies outside it.
    press(session, K::F);
    CHECK(session.spotlight());
    session.tick(2.0); // let the fade finish
    const sf::Image dimmed = render(session, texture, trainer);
    const sf::FloatRect focus = session.screen().focusRect();
    REQUIRE(session.spotlightOverlay().target());
    CHECK(*session.spotlightOverlay().target() == focus);
    const sf::Vector2u outside{10, 540}; // inside the narration column, outside the focus
    REQUIRE_FALSE(focus.contains(static_cast<float>(outside.x), static_cast<float>(outside.y)));
    CHECK(dimmed.getPixel(outside.x, outside.y).r < plain.getPixel(outside.x, outside.y).r * 0.6);
    const sf::Vector2u inside{static_cast<unsigned>(focus.left + focus.width / 2), static_cast<unsigned>(focus.top + 4)};
    CHECK(dimmed.getPixel(inside.x, inside.y) == plain.getPixel(inside.x, inside.y));
    press(session, K::F);
    CHECK_FALSE(session.spotlight());

    // Holding Shift shows the laser dot where the mouse is; letting go hides it.
    sf::Event move;
    move.type = sf::Event::MouseMoved;
    move.mouseMove = {900, 500};
    session.handleEvent(move);
    session.handleEvent(keyEvent(K::LShift));
    REQUIRE(session.laserPointer().position());
    CHECK(*session.laserPointer().position() == sf::Vector2f(900.f, 500.f));
    move.mouseMove = {1000, 600};
    session.handleEvent(move);
    CHECK(*session.laserPointer().position() == sf::Vector2f(1000.f, 600.f));
    const sf::Color dot = render(session, texture, trainer).getPixel(1000, 600);
    CHECK(dot.r > 200);
    CHECK(dot.g < 80);
    session.handleEvent(keyEvent(K::LShift, false, sf::Event::KeyReleased));
    CHECK_FALSE(session.laserPointer().position());

    // M: over a heatmap cell the magnifier draws a lens; with M off the frame is unchanged there.
    const auto panels = session.screen().panelRects();
    const views::MatrixView* heatmap = nullptr;
    for (std::size_t i = 0; i < panels.size() && !heatmap; ++i) heatmap = session.screen().matrixPanel(i);
    REQUIRE(heatmap);
    const sf::FloatRect cell = heatmap->cellRect(heatmap->rows() / 2, heatmap->windowFirst() + 1);
    move.mouseMove = {static_cast<int>(cell.left + cell.width / 2), static_cast<int>(cell.top + cell.height / 2)};
    session.handleEvent(move);
    const sf::Image before = render(session, texture, trainer);
    press(session, K::M);
    CHECK(session.magnifier());
    const sf::Image lens = render(session, texture, trainer);
    const auto shots = test::scratchDir("presenter-tools"); // for a human to look at
    lens.saveToFile((shots / "magnifier.png").string());
    dimmed.saveToFile((shots / "spotlight.png").string());
    int changed = 0;
    for (unsigned y = 0; y < 1080; y += 5)
        for (unsigned x = 0; x < 1920; x += 5)
            if (lens.getPixel(x, y) != before.getPixel(x, y)) ++changed;
    CHECK(changed > 2000); // a lens of at least 5 × 5 cells of 90 px
}

TEST_CASE("[app] G opens the draw-a-digit screen, strokes feed the live network, C clears, G returns") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, options(true, 0.0));
    session.setSize({1280.f, 720.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    using K = sf::Keyboard;
    const std::size_t step = session.player().stepIndex();
    press(session, K::G);
    REQUIRE(session.drawing());
    render(session, texture, trainer); // lays the pad out

    // A vertical stroke with the left button, through the window's own event path.
    const sf::FloatRect pad = session.drawScreen().pad().padRect();
    REQUIRE(pad.width > 100.f);
    auto mouse = [&](sf::Event::EventType type, float x, float y) {
        sf::Event e;
        e.type = type;
        if (type == sf::Event::MouseMoved) e.mouseMove = {static_cast<int>(x), static_cast<int>(y)};
        else e.mouseButton = {sf::Mouse::Left, static_cast<int>(x), static_cast<int>(y)};
        session.handleEvent(e);
    };
    const float cx = pad.left + pad.width / 2.f;
    mouse(sf::Event::MouseButtonPressed, cx, pad.top + pad.height * 0.2f);
    for (float t = 0.2f; t <= 0.8f; t += 0.05f) mouse(sf::Event::MouseMoved, cx, pad.top + pad.height * t);
    mouse(sf::Event::MouseButtonReleased, cx, pad.top + pad.height * 0.8f);
    render(session, texture, trainer);
    CHECK(session.drawScreen().inputs().sum() > 10.f);
    CHECK(session.drawScreen().prediction().has_value());

    press(session, K::C);
    render(session, texture, trainer);
    CHECK(session.drawScreen().inputs().sum() == 0.f);
    CHECK(session.drawing());

    press(session, K::G);
    CHECK_FALSE(session.drawing());
    CHECK(session.player().stepIndex() == step);
    // A remote's "next" also leaves the pad, and moves on.
    press(session, K::G);
    press(session, K::PageDown);
    CHECK_FALSE(session.drawing());
    CHECK(session.player().stepIndex() == step + 1);
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] the lesson menu lists every step, and a click there jumps to it") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, options(true, 0.0));
    session.setSize({1280.f, 720.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    render(session, texture, trainer);
    press(session, sf::Keyboard::L);
    REQUIRE(session.screen().menuOpen());
    // Hovering lesson 5 lists its steps; clicking its third step goes there.
    const sf::FloatRect lesson = session.screen().menuLessonRect(4);
    sf::Event e;
    e.type = sf::Event::MouseMoved;
    e.mouseMove = {static_cast<int>(lesson.left + 20), static_cast<int>(lesson.top + lesson.height / 2)};
    session.handleEvent(e);
    const sf::FloatRect step = session.screen().menuStepRect(2);
    REQUIRE(step.width > 0.f);
    render(session, texture, trainer);
    e.type = sf::Event::MouseButtonReleased;
    e.mouseButton = {sf::Mouse::Left, static_cast<int>(step.left + 20), static_cast<int>(step.top + step.height / 2)};
    session.handleEvent(e);
    CHECK_FALSE(session.screen().menuOpen());
    CHECK(session.player().lessonIndex() == 4);
    CHECK(session.player().stepIndex() == 2);
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] the notes window shows the step's notes, what comes next and the class clock") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, options(true, 0.0));
    REQUIRE(session.player().jumpTo("forward", 1));
    session.tick(75.0);
    const auto& lesson = session.player().currentLesson();
    auto notes = session.notesContent();
    CHECK(notes.stepTitle == lesson.steps[1].title);
    CHECK(notes.notes == lesson.steps[1].notes);
    CHECK_FALSE(notes.notes.empty());
    CHECK(notes.nextStepTitle == lesson.steps[2].title);
    CHECK(notes.stepIndex == 2);
    CHECK(notes.stepCount == static_cast<int>(lesson.steps.size()));
    CHECK(notes.lessonIndex == static_cast<int>(session.player().lessonIndex()) + 1);
    CHECK(notes.elapsedSeconds == Approx(75.0));
    CHECK(views::formatElapsed(notes.elapsedSeconds) == "1:15");
    // On a lesson's last step, the next line names the next lesson.
    press(session, sf::Keyboard::End);
    notes = session.notesContent();
    CHECK(notes.nextStepTitle.empty());
    CHECK(notes.nextLessonTitle == session.player().lessons()[session.player().lessonIndex() + 1].title);
    REQUIRE(trainer.waitUntilIdle(60s));
}
