// DrawScreen: a network trained here on real MNIST reads drawn digits through the screen's own
// forward pass; the pad takes mouse strokes, erases and clears; the pixels show the winner in
// the accent colour and the preview shows the exact inputs.
#include "app/screens/draw_screen.hpp"
#include "support/display.hpp"
#include "core/stepper.hpp"
#include "support/test_paths.hpp"
#include "training/prepared_data.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <numbers>

using namespace stepwise;

using namespace stepwise::test;

namespace {

data::DigitCanvas bar() {
    data::DigitCanvas canvas;
    canvas.addStroke({140.f, 40.f}, {140.f, 240.f}, 11.f);
    return canvas;
}

// An upright oval, the shape of most MNIST zeros.
data::DigitCanvas ring() {
    data::DigitCanvas canvas;
    constexpr int kSegments = 48;
    const auto point = [](int i) {
        const float a = 2.f * std::numbers::pi_v<float> * static_cast<float>(i) / kSegments;
        return Eigen::Vector2f(140.f + 62.f * std::cos(a), 140.f + 90.f * std::sin(a));
    };
    for (int i = 0; i < kSegments; ++i) canvas.addStroke(point(i), point(i + 1), 11.f);
    return canvas;
}

/// The paper's network after full-batch gradient descent on the first MNIST training columns
/// (a few seconds in Release, under a minute with ASan; fewer columns read the ring as a 2).
training::TrainingSnapshot trainedNetwork() {
    const auto dir = test::mnistDir();
    if (dir.empty()) FAIL("data/mnist is missing: run scripts/setup.sh");
    constexpr Eigen::Index kColumns = 4000;
    constexpr int kIterations = 300;
    const training::PreparedData data = training::prepareData(dir, 0, kColumns);
    core::NetworkConfig config;
    config.alpha = 0.3f;
    core::Stepper stepper(config, core::initialParameters(config), data.train);
    for (int i = 0; i < kIterations; ++i) stepper.runIteration();
    training::TrainingSnapshot snapshot;
    snapshot.config = config;
    snapshot.parameters = stepper.parameters();
    snapshot.iteration = stepper.iteration();
    // How well it learned, on the held-out dev columns, so a failure below can be told apart.
    const Eigen::MatrixXf dev = core::forwardOutput(config, snapshot.parameters, data.dev->X);
    snapshot.devAccuracy = core::accuracy(dev, data.dev->labels);
    return snapshot;
}

training::TrainingSnapshot initialNetwork() {
    training::TrainingSnapshot snapshot;
    snapshot.parameters = core::initialParameters(snapshot.config);
    return snapshot;
}

sf::Event mouseButton(sf::Event::EventType type, sf::Mouse::Button button, sf::Vector2f p) {
    sf::Event e{};
    e.type = type;
    e.mouseButton.button = button;
    e.mouseButton.x = static_cast<int>(p.x);
    e.mouseButton.y = static_cast<int>(p.y);
    return e;
}

sf::Event mouseMove(sf::Vector2f p) {
    sf::Event e{};
    e.type = sf::Event::MouseMoved;
    e.mouseMove.x = static_cast<int>(p.x);
    e.mouseMove.y = static_cast<int>(p.y);
    return e;
}

/// A point of the pad at fractions (fx, fy) of its side.
sf::Vector2f onPad(const app::DrawScreen& screen, float fx, float fy) {
    const sf::FloatRect pad = screen.pad().padRect();
    return {pad.left + fx * pad.width, pad.top + fy * pad.height};
}

int channelDistance(sf::Color a, sf::Color b) {
    return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
}

sf::Color pixelAt(const sf::Image& image, sf::Vector2f p) {
    return image.getPixel(static_cast<unsigned>(p.x), static_cast<unsigned>(p.y));
}

} // namespace

TEST_CASE("[app] a network trained on MNIST reads a drawn bar as 1 and a drawn ring as 0") {
    stepwise::test::requireDisplay();
    const training::TrainingSnapshot trained = trainedNetwork();
    INFO("dev accuracy after training: " << trained.devAccuracy);
    REQUIRE(trained.devAccuracy > 0.75);
    app::DrawScreen screen(views::Theme::dark());

    screen.setCanvas(bar());
    screen.update(trained);
    REQUIRE(screen.prediction().has_value());
    CHECK(*screen.prediction() == 1);
    // The screen's forward pass is the core's: the same A² as core::forwardOutput.
    const Eigen::MatrixXf reference = core::forwardOutput(trained.config, trained.parameters, core::a0ToPixels(screen.inputs()));
    CHECK((screen.forward().A[2] - reference.col(0)).cwiseAbs().maxCoeff() < 1e-6f);
    CHECK(screen.forward().A[0] == screen.inputs());
    // The network reads bytes, as MNIST stores images: the prepared drawing is on the v / 255 grid.
    CHECK(core::pixelsToA0(core::a0ToPixels(screen.inputs())) == screen.inputs());

    screen.setCanvas(ring());
    screen.update(trained);
    REQUIRE(screen.prediction().has_value());
    CHECK(*screen.prediction() == 0);
    // The firing neurons: A¹ > 0 exactly where Z¹ > 0, and the focus neuron is one of them.
    const auto& f = screen.forward();
    for (int j = 0; j < f.Z[1].size(); ++j) CHECK((f.A[1](j) > 0.f) == (f.Z[1](j) > 0.f));
    REQUIRE(screen.focusNeuron().has_value());
    CHECK(f.A[1](*screen.focusNeuron()) > 0.f);
}

TEST_CASE("[app] the draw screen follows the live parameters and the drawing") {
    stepwise::test::requireDisplay();
    app::DrawScreen screen(views::Theme::dark());
    training::TrainingSnapshot snapshot = initialNetwork();
    screen.update(snapshot);
    CHECK_FALSE(screen.prediction().has_value()); // nothing drawn yet
    CHECK(screen.inputs().isZero());

    screen.setCanvas(bar());
    screen.update(snapshot);
    REQUIRE(screen.prediction().has_value());
    const Eigen::VectorXf before = screen.forward().A[2];
    CHECK(screen.forward().iteration == 0);

    // The trainer publishes new parameters: the same drawing is read by the new network.
    snapshot.parameters.W(2).row(3).array() += 5.f;
    snapshot.parameters.b(2)(3) += 50.f;
    snapshot.iteration = 7;
    screen.update(snapshot);
    CHECK(screen.forward().iteration == 7);
    CHECK(screen.prediction() == 3);
    CHECK((screen.forward().A[2] - before).cwiseAbs().maxCoeff() > 0.5f);
    const Eigen::MatrixXf reference = core::forwardOutput(snapshot.config, snapshot.parameters, core::a0ToPixels(screen.inputs()));
    CHECK((screen.forward().A[2] - reference.col(0)).cwiseAbs().maxCoeff() < 1e-6f);

    // A snapshot with the same parameters keeps the forward pass (no recomputation).
    training::TrainingSnapshot same = snapshot;
    same.iteration = 8;
    screen.update(same);
    CHECK(screen.forward().iteration == 7);

    screen.clear();
    screen.update(snapshot);
    CHECK(screen.inputs().isZero());
    CHECK_FALSE(screen.prediction().has_value());
}

TEST_CASE("[app] mouse strokes on the pad draw, the right button erases and C clears") {
    stepwise::test::requireDisplay();
    app::DrawScreen screen(views::Theme::dark());
    screen.setSize({1280.f, 720.f});
    const training::TrainingSnapshot snapshot = initialNetwork();
    screen.update(snapshot);
    REQUIRE(screen.inputs().isZero());

    // Presses outside the pad are not the pad's.
    CHECK_FALSE(screen.handleEvent(mouseButton(sf::Event::MouseButtonPressed, sf::Mouse::Left, {1270.f, 10.f})));
    CHECK(screen.inputs().isZero());

    // A left drag down the middle: a vertical stroke.
    CHECK(screen.handleEvent(mouseButton(sf::Event::MouseButtonPressed, sf::Mouse::Left, onPad(screen, 0.5f, 0.2f))));
    CHECK(screen.pad().dragging());
    for (float fy = 0.25f; fy <= 0.8f; fy += 0.05f) CHECK(screen.handleEvent(mouseMove(onPad(screen, 0.5f, fy))));
    CHECK(screen.handleEvent(mouseButton(sf::Event::MouseButtonReleased, sf::Mouse::Left, onPad(screen, 0.5f, 0.8f))));
    CHECK_FALSE(screen.pad().dragging());
    const Eigen::VectorXf drawn = screen.inputs();
    CHECK(drawn.sum() > 10.f);
    // The stroke is continuous from top to bottom of the 20-pixel box: every row 4 … 23 has ink.
    for (int row = 4; row <= 23; ++row) CHECK(drawn.segment(row * 28, 28).sum() > 0.3f);
    // Moving without a button pressed draws nothing.
    screen.handleEvent(mouseMove(onPad(screen, 0.2f, 0.5f)));
    CHECK(screen.inputs() == drawn);
    screen.update(snapshot);
    CHECK(screen.prediction().has_value());

    // A right drag across the lower half erases it: less ink, only the upper part remains.
    CHECK(screen.handleEvent(mouseButton(sf::Event::MouseButtonPressed, sf::Mouse::Right, onPad(screen, 0.3f, 0.6f))));
    for (float fx = 0.35f; fx <= 0.7f; fx += 0.05f) screen.handleEvent(mouseMove(onPad(screen, fx, 0.6f)));
    for (float fy = 0.6f; fy <= 0.9f; fy += 0.05f) screen.handleEvent(mouseMove(onPad(screen, 0.5f, fy)));
    CHECK(screen.handleEvent(mouseButton(sf::Event::MouseButtonReleased, sf::Mouse::Right, onPad(screen, 0.5f, 0.9f))));
    CHECK(screen.pad().canvas().ink(140, 200) == 0.f);
    CHECK(screen.pad().canvas().ink(140, 80) == 1.f);
    CHECK(screen.inputs() != drawn);
    CHECK_FALSE(screen.pad().canvas().empty());

    // C clears everything.
    CHECK(screen.handleEvent(keyEvent(sf::Keyboard::C)));
    CHECK(screen.inputs().isZero());
    CHECK(screen.pad().canvas().empty());
    CHECK_FALSE(screen.handleEvent(keyEvent(sf::Keyboard::X)));
}

TEST_CASE("[app] the rendered draw screen shows the winner in the accent colour and the exact inputs") {
    stepwise::test::requireDisplay();
    for (const auto& [theme, size] : {std::pair{views::Theme::dark(), sf::Vector2u{1920, 1080}},
                                      std::pair{views::Theme::projector(), sf::Vector2u{1280, 720}}}) {
        app::DrawScreen screen(theme);
        screen.setSize({static_cast<float>(size.x), static_cast<float>(size.y)});
        screen.setCanvas(ring());
        screen.update(initialNetwork());
        REQUIRE(screen.prediction().has_value());
        const int k = *screen.prediction();
        sf::RenderTexture texture;
        REQUIRE(texture.create(size.x, size.y));
        screen.draw(texture);
        texture.display();
        const sf::Image image = texture.getTexture().copyToImage();
        INFO("size " << size.x << " x " << size.y << ", winner " << k);

        // Every panel lies inside the window and panels do not overlap.
        const auto panels = screen.panelRects();
        for (std::size_t a = 0; a < panels.size(); ++a) {
            const auto& r = panels[a].second;
            INFO(panels[a].first);
            CHECK(r.width > 100.f);
            CHECK(r.height > 100.f);
            CHECK(r.left >= 0.f);
            CHECK(r.top >= 0.f);
            CHECK(r.left + r.width <= static_cast<float>(size.x));
            CHECK(r.top + r.height <= static_cast<float>(size.y));
            for (std::size_t b = a + 1; b < panels.size(); ++b) CHECK_FALSE(r.intersects(panels[b].second));
        }

        // The winner's bar is drawn in the accent colour; the others are not.
        const sf::FloatRect winner = screen.predictionBarRect(k);
        REQUIRE(winner.width >= 3.f);
        CHECK(channelDistance(pixelAt(image, {winner.left + 1.f, winner.top + winner.height / 2.f}), theme.accent) <= 2);
        for (int c = 0; c < 10; ++c) {
            if (c == k) continue;
            const sf::FloatRect r = screen.predictionBarRect(c);
            CHECK(channelDistance(pixelAt(image, {r.left + 0.5f, r.top + r.height / 2.f}), theme.accent) > 20);
        }

        // Each preview block holds its input's exact grey.
        const views::Colormap grey = views::DrawingPadView::colormap();
        int checked = 0, inked = 0;
        for (int row = 0; row < 28; row += 3)
            for (int col = 0; col < 28; col += 2) {
                const sf::FloatRect block = screen.pad().previewPixelRect(row, col);
                const float x = screen.inputs()(row * 28 + col);
                const sf::Color got = pixelAt(image, {block.left + block.width / 2.f, block.top + block.height / 2.f});
                INFO("x[" << row << ", " << col << "] = " << x);
                CHECK(channelDistance(got, grey.map(x)) <= 1);
                ++checked;
                if (x > 0.f) ++inked;
            }
        CHECK(checked > 100);
        CHECK(inked > 5);

        // Firing hidden neurons are lit in the accent colour, silent ones are not.
        const auto& a1 = screen.forward().A[1];
        for (int j = 0; j < a1.size(); ++j) {
            const sf::FloatRect r = screen.hiddenNeuronRect(j);
            const sf::Color c = pixelAt(image, {r.left + r.width * 0.2f, r.top + r.height / 2.f});
            INFO("neuron " << j << " A1 = " << a1(j));
            if (a1(j) > 0.f) CHECK(channelDistance(c, theme.accent) <= 2);
            else CHECK(channelDistance(c, theme.accent) > 20);
        }
    }
}

TEST_CASE("[app] draw screen renders for review", "[.png]") {
    // Hidden (run with "[.png]"): writes /tmp/draw-*.png from a network trained here.
    stepwise::test::requireDisplay();
    const training::TrainingSnapshot trained = trainedNetwork();
    const std::vector<std::tuple<std::string, views::Theme, sf::Vector2u, data::DigitCanvas>> shots{
        {"/tmp/draw-dark-1920-ring.png", views::Theme::dark(), {1920, 1080}, ring()},
        {"/tmp/draw-dark-1280-bar.png", views::Theme::dark(), {1280, 720}, bar()},
        {"/tmp/draw-projector-1280-ring.png", views::Theme::projector(), {1280, 720}, ring()},
        {"/tmp/draw-projector-1920-bar.png", views::Theme::projector(), {1920, 1080}, bar()},
        {"/tmp/draw-dark-1920-empty.png", views::Theme::dark(), {1920, 1080}, data::DigitCanvas()}};
    for (const auto& [path, theme, size, canvas] : shots) {
        app::DrawScreen screen(theme);
        screen.setSize({static_cast<float>(size.x), static_cast<float>(size.y)});
        screen.setCanvas(canvas);
        screen.update(trained);
        sf::RenderTexture texture;
        REQUIRE(texture.create(size.x, size.y));
        screen.draw(texture);
        texture.display();
        CHECK(texture.getTexture().copyToImage().saveToFile(path));
    }
}

TEST_CASE("[app] the draw screen says under its title why a drawing may be misread") {
    stepwise::test::requireDisplay();
    for (const auto& [theme, size] : {std::pair{views::Theme::dark(), sf::Vector2u{1920, 1080}},
                                      std::pair{views::Theme::projector(), sf::Vector2u{1280, 720}}}) {
        app::DrawScreen screen(theme);
        screen.setSize({static_cast<float>(size.x), static_cast<float>(size.y)});
        data::DigitCanvas corner; // a small mark in the pad's corner
        corner.addStroke({2.f, 2.f}, {40.f, 40.f}, 11.f);
        screen.setCanvas(corner);
        screen.update(initialNetwork());
        REQUIRE_FALSE(screen.advice().empty());
        CHECK(screen.advice().front() == "it touches the pad's edge, so part of it may be missing");
        sf::RenderTexture texture;
        REQUIRE(texture.create(size.x, size.y));
        screen.draw(texture);
        texture.display();
        const sf::Image image = texture.getTexture().copyToImage();
        image.saveToFile((stepwise::test::scratchDir("draw-advice-" + std::to_string(size.y)) / "advice.png").string());
        // The advice is written in the highlight colour over the pad, where the hint was.
        const auto pad = screen.pad().padRect();
        std::size_t lit = 0;
        for (unsigned y = 0; y < static_cast<unsigned>(pad.top); ++y)
            for (unsigned x = 0; x < size.x; ++x) lit += image.getPixel(x, y) == screen.theme().highlight;
        INFO("size " << size.x << " x " << size.y);
        CHECK(lit > 100u);
        // A clean ring says nothing.
        screen.setCanvas(ring());
        screen.update(initialNetwork());
        CHECK(screen.advice().empty());
    }
}
