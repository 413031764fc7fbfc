// Fashion-MNIST (issue 11): Debian's dataset-fashion-mnist, which scripts/setup.sh installs, trains
// like MNIST and carries its class names to the screens that name classes. The folder is the one
// Debian installs; a missing one fails with what to do.
#include "app/commands/export_command.hpp"
#include "app/paths.hpp"
#include "app_support.hpp"
#include "support/display.hpp"
#include "app/screens/lesson_screen.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <algorithm>
#include <cstdlib>
#include "training/trainer.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>

using namespace stepwise;
using namespace std::chrono_literals;

using test::fashion;

TEST_CASE("[app] Fashion-MNIST trains like MNIST and every snapshot names its ten classes") {
    const auto data = training::prepareData(fashion(), 0, 3000);
    CHECK(data.classNames == training::fashionMnistClassNames());
    REQUIRE(data.classNames.size() == 10u);
    CHECK(data.classNames.front() == "T-shirt/top");
    CHECK(data.classNames.back() == "Ankle boot");
    CHECK(training::classNamesFor(test::mnist()).empty()); // digits need no names
    CHECK(training::classNamesFor("/data/FASHION/train.csv") == training::fashionMnistClassNames());
    REQUIRE(data.test);
    CHECK(data.test->size() == 10000);

    training::Trainer trainer(core::NetworkConfig{}, data);
    trainer.send(training::command::RunIterations{60});
    REQUIRE(trainer.waitUntilIdle(120s));
    const auto snap = trainer.latest();
    CHECK(snap->iteration == 60);
    CHECK(snap->classNames == data.classNames);
    CHECK(snap->devAccuracy > 0.4); // well above the 10 % of a guess, on clothes
}

TEST_CASE("[app] an export on Fashion-MNIST names the classes in its handout") {
    stepwise::test::requireDisplay();
    const auto dir = test::scratchDir("app-export-fashion");
    app::ExportOptions o;
    o.data = fashion();
    o.samples = 2000;
    o.lesson = "forward";
    o.out = dir;
    o.size = "640x360";
    o.iterations = 1;
    std::ostringstream out, err;
    REQUIRE(app::runExport(o, out, err) == 0);
    CHECK(err.str().empty());
    std::ifstream in(dir / "handout.md");
    const std::string handout{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    CHECK(handout.find("The ten output rows are the classes: 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, "
                       "5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot.") != std::string::npos);
    // The focused image's label carries its name: "(its label: 9, Ankle boot)".
    const std::regex label(R"(\(its label: (\d), ([^)]+)\))");
    std::smatch match;
    REQUIRE(std::regex_search(handout, match, label));
    CHECK(match[2].str() == training::fashionMnistClassNames().at(std::stoul(match[1].str())));
}

TEST_CASE("[app] Ctrl+D switches the window to Fashion-MNIST at the same step, and the predictions name clothes") {
    stepwise::test::requireDisplay();
    training::Trainer digits(core::NetworkConfig{}, test::smallMnist());
    app::SessionOptions options;
    options.checkpointDir = test::scratchDir("fashion-switch-checkpoints");
    app::LessonSession session(test::allLessons(), digits, options);
    session.setSize({1920.f, 1080.f});
    REQUIRE(session.player().jumpTo("results", 4)); // 08/5: the predictions, image by image
    session.syncTrainer();
    session.perform({app::UiAction::Present});
    session.applyStepAction({"", lessons::ActionKind::Hidden, "32"});
    REQUIRE(session.network().hidden == std::vector<int>{32});

    // The key asks the window for the switch; so does the data row of the lesson menu.
    CHECK(session.handleEvent(test::keyEvent(sf::Keyboard::D, true)) == app::WindowRequest::SwitchData);
    session.perform({app::UiAction::LessonMenu});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    session.draw(texture);
    const sf::FloatRect row = session.screen().menuDataRect();
    REQUIRE(row.width > 0.f);
    texture.display();
    if (const char* dir = std::getenv("STEPWISE_TEST_PNG_DIR")) // for a person to look at
        texture.getTexture().copyToImage().saveToFile(std::string(dir) + "/fashion-menu.png");
    sf::Event click{};
    click.type = sf::Event::MouseButtonReleased;
    click.mouseButton = {sf::Mouse::Left, static_cast<int>(row.left + 20.f), static_cast<int>(row.top + row.height / 2.f)};
    CHECK(session.handleEvent(click) == app::WindowRequest::SwitchData);
    CHECK_FALSE(session.screen().menuOpen());

    // The window then makes a trainer on the other data and reopens the session on it.
    training::Trainer clothes(session.baseNetwork(), training::prepareData(fashion(), 0, 2000));
    const auto reopened = session.reopen(clothes);
    CHECK(reopened->player().currentLesson().id == "results");
    CHECK(reopened->player().stepIndex() == 4u);
    CHECK(reopened->presenting());
    CHECK(reopened->network().hidden == std::vector<int>{32});
    INFO(reopened->screen().status());
    CHECK(reopened->screen().status().starts_with("Now training on Fashion-MNIST clothes ("));
    clothes.send(training::command::Pause{}); // the live step set it playing
    clothes.send(training::command::RunIterations{20});
    REQUIRE(clothes.waitUntilIdle(120s));
    reopened->draw(texture);
    reopened->draw(texture);
    const views::PredictionGalleryView* gallery = nullptr;
    for (std::size_t i = 0; i < reopened->screen().panelRects().size() && !gallery; ++i)
        gallery = reopened->screen().galleryPanel(i);
    REQUIRE(gallery);
    // Each label is a class name, or the start of one cut with "…" where its image is narrow.
    const auto isClassName = [](std::string text) {
        if (text.ends_with("…")) text.erase(text.size() - std::string("…").size());
        const auto& names = training::fashionMnistClassNames();
        return !text.empty() && std::any_of(names.begin(), names.end(), [&](const std::string& n) { return n.starts_with(text); });
    };
    for (int i = 0; i < 4; ++i) {
        INFO("image " << i << ": " << gallery->labelText(i, false) << " / " << gallery->labelText(i, true));
        CHECK(isClassName(gallery->labelText(i, false)));
        CHECK(isClassName(gallery->labelText(i, true)));
    }
    texture.display();
    if (const char* dir = std::getenv("STEPWISE_TEST_PNG_DIR")) // for a person to look at
        texture.getTexture().copyToImage().saveToFile(std::string(dir) + "/fashion-switch.png");
}
