// CompareScreen: two runs on one shared MNIST split train at the same time on their own
// trainers; the rendered screen shows each run's colour in the plots, its label in the legend
// and one table row per run; editing and the x-axis switch change what is on screen.
#include "app/screens/compare_screen.hpp"
#include "app_support.hpp"
#include "data/digit_drawing.hpp"
#include "support/display.hpp"
#include "support/test_paths.hpp"
#include "training/prepared_data.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

using namespace stepwise;

namespace {

training::PreparedData smallData(Eigen::Index samples = 2000) {
    const auto dir = test::mnistDir();
    if (dir.empty()) FAIL("data/mnist is missing: run scripts/setup.sh");
    return training::prepareData(dir, 0, samples);
}

/// Frames until every run has done its iterations (the cap only keeps a hung trainer from
/// hanging the suite: under ThreadSanitizer, on a busy 2-core machine, the runs take minutes);
/// returns whether some frame saw two runs both part-way.
bool trainToEnd(app::CompareScreen& screen) {
    bool together = false;
    for (int frame = 0; frame < 60 * 600; ++frame) {
        screen.update();
        int partWay = 0;
        bool done = true;
        for (const auto& run : screen.runs()) {
            const long i = run.latest->iteration;
            if (i > 0 && i < screen.iterations()) ++partWay;
            if (i < screen.iterations() || run.latest->testAccuracy < 0) done = false;
        }
        together = together || partWay >= 2;
        if (done) return together;
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
    FAIL("the runs did not finish within ten minutes");
    return together;
}

int countColour(const sf::Image& image, const sf::FloatRect& area, sf::Color colour) {
    int n = 0;
    for (auto y = static_cast<unsigned>(area.top); y < static_cast<unsigned>(area.top + area.height); ++y)
        for (auto x = static_cast<unsigned>(area.left); x < static_cast<unsigned>(area.left + area.width); ++x) {
            const sf::Color c = image.getPixel(x, y);
            if (std::abs(c.r - colour.r) + std::abs(c.g - colour.g) + std::abs(c.b - colour.b) < 30) ++n;
        }
    return n;
}

} // namespace

TEST_CASE("[app] compare screen trains two runs at once and draws each run's curves, legend and table row") {
    test::requireDisplay();
    // 1,000 images and a 64-neuron run: light enough for AddressSanitizer's -O1 build, where
    // Eigen's products run tens of times slower than in Release.
    app::CompareScreen screen(views::Theme::dark(), smallData(1000), 0);
    const core::NetworkConfig base;
    screen.setExperiment("Width", {core::parseRunSpec("", base), core::parseRunSpec("hidden=64", base)}, 150);
    REQUIRE(screen.runs().size() == 2);
    // The runs share the window's batches instead of copying them.
    CHECK(screen.runs()[0].latest->batch.get() == screen.runs()[1].latest->batch.get());
    CHECK(trainToEnd(screen));
    for (const auto& run : screen.runs()) {
        CHECK(run.latest->iteration == 150);
        CHECK(run.latest->devAccuracy > 0.3);
    }

    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    screen.setSize({1920.f, 1080.f});
    screen.draw(texture); // lays the plots out
    screen.draw(texture);
    texture.display();
    const sf::Image image = texture.getTexture().copyToImage();
    const views::Theme theme = views::Theme::dark();
    for (std::size_t i = 0; i < 2; ++i) {
        INFO("run " << i);
        const sf::Color colour = theme.series[static_cast<std::size_t>(app::CompareScreen::colourOf(i))];
        CHECK(countColour(image, screen.lossPlot().plotArea(), colour) > 100);
        CHECK(countColour(image, screen.accuracyPlot().plotArea(), colour) > 100);
    }
    // The table: one row per run, its label and the run's own numbers.
    const auto table = screen.tableText();
    REQUIRE(table.size() == 2);
    CHECK(table[0][0] == core::runLabel(screen.runs()[0].spec));
    CHECK(table[1][0] == "hidden 64");
    CHECK(table[1][6] == "50,890"); // 784·64 + 64 + 64·10 + 10
    CHECK(table[0][6] == "7,960");
    // Seconds are the runs' own CPU time: the wider run costs several times more per iteration
    // (about 6× the multiply-adds; 2.8× measured on 1,000 images, where the per-iteration
    // bookkeeping both runs share weighs more), although both trained over the same wall-clock span.
    const double narrow = screen.runs()[0].latest->computeSeconds, wide = screen.runs()[1].latest->computeSeconds;
    CHECK(narrow > 0.0);
    CHECK(wide > 2.0 * narrow);
    CHECK(screen.runs()[1].latest->history.back().seconds == wide);
    CHECK(table[1][5] == views::formatValue(wide, 3));
    // train beside dev: the last iteration's accuracy on the run's own images (erratum 9).
    CHECK(table[1][1] == views::formatPercent(screen.runs()[1].latest->trainAccuracy));
    CHECK(table[1][2] == views::formatPercent(screen.runs()[1].latest->devAccuracy));
    CHECK(screen.tableRowRect(1).height > 0.f);
    CHECK(screen.tableRowRect(2).height == 0.f);

    // Editing: a duplicate is a third row; a changed setting restarts that run with it.
    screen.duplicateRun(0);
    REQUIRE(screen.runs().size() == 3);
    screen.cycleSetting(2, "activation");
    CHECK(screen.runs()[2].spec.config.activation == core::Activation::Sigmoid);
    CHECK(screen.runs()[2].latest->iteration == 0);
    screen.removeRun(2);
    CHECK(screen.runs().size() == 2);
    CHECK(screen.xAxis() == app::CompareScreen::XAxis::Iterations);
    screen.nextXAxis();
    CHECK(screen.xAxis() == app::CompareScreen::XAxis::Epochs);
}

TEST_CASE("[app] compare screen in presenter mode at 1280 x 720 splits into two legible pages") {
    test::requireDisplay();
    app::CompareScreen screen(views::Theme::projector(), smallData(), 0);
    const core::NetworkConfig base;
    screen.setExperiment("Width", {core::parseRunSpec("", base), core::parseRunSpec("hidden=128", base)}, 5);
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    screen.setSize({1280.f, 720.f});
    screen.update();
    screen.draw(texture);
    // Page one: both plots side by side and a table row per run, nothing off the screen.
    const sf::FloatRect loss = screen.lossPlot().plotArea(), accuracy = screen.accuracyPlot().plotArea();
    CHECK(loss.width > 300.f);
    CHECK(accuracy.left > loss.left + loss.width);
    CHECK(screen.tableRowRect(1).height > 0.f);
    CHECK(screen.tableRowRect(1).top + screen.tableRowRect(1).height < 720.f);
    const sf::FloatRect page = screen.buttonRect("W¹, drawing (V)");
    REQUIRE(page.width > 0.f);
    CHECK(page.top + page.height <= 720.f);
    CHECK(screen.buttonRect("Back (Esc)").width > 0.f);
    // V turns to the W¹ rows and the drawing pad; the table is gone from this page.
    sf::Event v{};
    v.type = sf::Event::KeyPressed;
    v.key.code = sf::Keyboard::V;
    CHECK(screen.handleEvent(v) == app::CompareRequest::None);
    screen.draw(texture);
    CHECK(screen.buttonRect("Curves (V)").width > 0.f);
    CHECK(screen.pad().padRect().width > 150.f);
    CHECK(screen.pad().padRect().top + screen.pad().padRect().height < 720.f);
    CHECK(screen.tableRowRect(0).height == 0.f);
}

// The threads test (scripts/test.sh runs it under ThreadSanitizer too; the pixel test above trains
// too much for that): runs are paused, duplicated, removed and restarted while the others train,
// and the screen keeps reading their snapshots every frame.
TEST_CASE("[app] compare screen edits runs while they train, and every run still finishes") {
    test::requireDisplay();
    app::CompareScreen screen(views::Theme::dark(), smallData(300), 0);
    const core::NetworkConfig base;
    screen.setExperiment("Edits", {core::parseRunSpec("", base), core::parseRunSpec("hidden=16", base),
                                   core::parseRunSpec("optimizer=adam", base)},
                         40);
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    screen.setSize({1280.f, 720.f});
    screen.update();
    screen.togglePause(1);
    CHECK(screen.runs()[1].paused);
    screen.duplicateRun(0);
    REQUIRE(screen.runs().size() == 4);
    CHECK(screen.runs()[3].spec == screen.runs()[0].spec);
    screen.update();
    screen.draw(texture);
    screen.restartRun(2);
    screen.removeRun(0);
    REQUIRE(screen.runs().size() == 3);
    screen.togglePause(0); // the hidden = 16 run goes on
    CHECK_FALSE(screen.runs()[0].paused);
    CHECK(trainToEnd(screen));
    screen.draw(texture);
    for (const auto& run : screen.runs()) {
        INFO(core::runLabel(run.spec));
        CHECK(run.latest->iteration == 40);
        CHECK(run.latest->history.size() == 40u);
    }
    CHECK(screen.runs()[0].spec.config.hidden == std::vector<int>{16});
}

// Draw-a-digit stays digits-only: on Fashion-MNIST the pad says so, and each run answers with the
// name of the class it reads a drawn bar as.
TEST_CASE("[app] on Fashion-MNIST the compare screen's draw pad says digits only and each run reads a class name") {
    test::requireDisplay();
    app::CompareScreen screen(views::Theme::dark(), training::prepareData(test::fashion(), 0, 1000), 0);
    const core::NetworkConfig base;
    screen.setExperiment("Width", {core::parseRunSpec("", base), core::parseRunSpec("hidden=16", base)}, 30);
    CHECK(screen.drawPadTitle() == "Draw a digit (digits only): these runs learned clothes");
    CHECK(trainToEnd(screen));
    data::DigitCanvas canvas;
    canvas.addStroke({140.f, 40.f}, {140.f, 240.f}, 11.f); // a "1"
    screen.pad().setCanvas(canvas);
    screen.update();
    const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                         "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    for (std::size_t i = 0; i < screen.runs().size(); ++i) {
        const auto p = screen.drawnPrediction(i);
        REQUIRE(p);
        CHECK(screen.drawnReading(i) == names.at(static_cast<std::size_t>(p->first)));
    }
    // MNIST runs answer with the digit itself.
    app::CompareScreen digits(views::Theme::dark(), smallData(300), 0);
    digits.setExperiment("One", {core::parseRunSpec("", base)}, 5);
    CHECK(digits.drawPadTitle() == "Draw a digit: every run reads it");
    (void)trainToEnd(digits); // one run: nothing trains beside it
    digits.pad().setCanvas(canvas);
    digits.update();
    REQUIRE(digits.drawnPrediction(0));
    CHECK(digits.drawnReading(0) == std::to_string(digits.drawnPrediction(0)->first));
}

// Fair sharing: four runs on a 2-core machine, one of them about 13 times as costly per
// iteration. Fair here means each run gets the same share of the CPU, so that on the seconds axis
// the curves grow together: images seen per second of wall time then go as 1 / cost, and the
// costly run neither starves the others nor is starved by them.
TEST_CASE("[app] compare runs of different cost get equal CPU shares, so images seen per second go as one over the cost") {
    test::requireDisplay();
    app::CompareScreen screen(views::Theme::dark(), smallData(1000), 0);
    const core::NetworkConfig base;
    screen.setExperiment("Fair", {core::parseRunSpec("", base), core::parseRunSpec("hidden=128", base),
                                  core::parseRunSpec("activation=tanh", base), core::parseRunSpec("alpha=0.2", base)},
                         1000000);
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    // Until the costly run has done a few iterations (its CPU time is read at iteration ends) and
    // at least three seconds have passed; the cap only keeps a hung trainer from hanging the suite.
    while ((screen.runs()[1].latest->iteration < 6 || elapsed() < 3.0) && elapsed() < 600.0) {
        screen.update();
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
    const double wall = elapsed();
    REQUIRE(screen.runs()[1].latest->iteration >= 6);
    std::vector<double> cpu, imagesPerSecond;
    for (const auto& run : screen.runs()) {
        cpu.push_back(run.latest->computeSeconds);
        imagesPerSecond.push_back(static_cast<double>(run.latest->iteration) * 1000.0 / wall);
        INFO(core::runLabel(run.spec) << ": " << run.latest->iteration << " iterations, " << run.latest->computeSeconds
                                      << " CPU s in " << wall << " s");
        CHECK(run.latest->iteration > 0);
    }
    const double least = *std::min_element(cpu.begin(), cpu.end()), most = *std::max_element(cpu.begin(), cpu.end());
    INFO("CPU seconds: " << cpu[0] << ", " << cpu[1] << ", " << cpu[2] << ", " << cpu[3]);
    CHECK(least > 0.5 * most); // equal shares, within scheduling noise and one costly iteration
    // The cheap runs go several times as fast in images per second: the costly run does not hold
    // them to its pace.
    for (std::size_t i : {0u, 2u, 3u}) CHECK(imagesPerSecond[i] > 2.5 * imagesPerSecond[1]); // 3.6x with two tests at once
}
