// `stepwise render`: one lesson step drawn exactly as the window shows it, into a PNG; and the
// StepRenderer behind it, which `stepwise export` and `stepwise docs` use for many steps.
#include "app/commands/render_command.hpp"

#include "app/display_check.hpp"
#include "app/png_file.hpp"
#include "app/session.hpp"
#include "app/commands/window_command.hpp"
#include "lessons/lesson_lookup.hpp"
#include "lessons/lesson_parser.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ostream>
#include <thread>

namespace stepwise::app {

// ---------------------------------------------------------------- StepRenderer

namespace {
/// \p settings, once there is an X display: without one, SFML aborts the process as soon as the
/// screen's views are built, instead of failing the render texture.
StepRenderSettings requireDisplay(StepRenderSettings settings) {
    if (const auto problem = displayProblem()) throw RenderError("no X display (" + *problem + "; run it under xvfb-run -a)");
    return settings;
}
} // namespace

StepRenderer::StepRenderer(std::vector<lessons::Lesson> lessons, StepRenderSettings settings)
    : m_settings(requireDisplay(std::move(settings))), m_network(m_settings.network), m_player(std::move(lessons)),
      m_screen(themeFor(m_settings.projector, m_settings.size)) {
    views::setHeatmapPalette(m_settings.palette); // before any view makes its colormap
    if (!m_texture.create(m_settings.size.x, m_settings.size.y))
        throw RenderError("cannot create a " + std::to_string(m_settings.size.x) + "x" +
                          std::to_string(m_settings.size.y) + " render texture (is there an X display?)");
    m_screen.setSize({static_cast<float>(m_settings.size.x), static_cast<float>(m_settings.size.y)});
    m_screen.setPresenting(m_settings.projector); // slides for a wall look as presenter mode does
    if (m_settings.questions) m_screen.setQuiz(&m_quiz);
    m_data = training::prepareData(m_settings.data, m_settings.network.seed, m_settings.samples);
    startTrainer();
}

StepRenderer::~StepRenderer() = default;

void StepRenderer::startTrainer() {
    m_trainer.reset(); // one trainer thread at a time
    m_trainer = std::make_unique<training::Trainer>(m_network, m_data);
    if (m_settings.iterations > 0) m_trainer->send(training::command::RunIterations{m_settings.iterations});
    waitForTrainer();
    m_trainedPosition = m_trainer->latest()->position;
    m_historyPushes = 0;
}

void StepRenderer::waitForTrainer() {
    if (!m_trainer->waitUntilIdle(std::chrono::minutes(10))) throw RenderError("training did not finish");
}

std::shared_ptr<const training::TrainingSnapshot> StepRenderer::render(std::string_view lessonId,
                                                                       std::size_t stepIndex,
                                                                       const std::filesystem::path& png) {
    if (!m_player.jumpTo(lessonId, stepIndex))
        throw std::out_of_range("no step " + std::to_string(stepIndex + 1) + " in lesson \"" + std::string(lessonId) +
                                "\"");
    // A step with its own network is drawn on it, trained as far as the others (the window
    // switches to it on arrival the same way).
    core::NetworkConfig wanted = m_player.currentStep().network.value_or(m_settings.network);
    wanted.seed = m_settings.network.seed;
    if (wanted != m_network) {
        m_network = wanted;
        startTrainer();
    }
    // The step's equation executed, or the last one an earlier step of its lesson ran, as the
    // window does on arriving at the step; otherwise the trained state as it is (live steps are
    // not played).
    const auto current = m_trainer->latest();
    const std::size_t end = current->equationIds.size();
    const std::size_t target = m_player.stepperTargetSoFar(m_network).value_or(m_trainedPosition);
    // Reaching the end of an iteration (position N) appends a history point that stepping back
    // keeps. Match the history a fresh trainer would have after this seek, or start afresh.
    const auto pushes = [end](std::size_t from, std::size_t to) { return to == end && from < end ? 1 : 0; };
    if (m_historyPushes + pushes(current->position, target) != pushes(m_trainedPosition, target)) startTrainer();
    m_historyPushes += pushes(m_trainer->latest()->position, target);
    m_trainer->send(training::command::SeekPosition{target});
    waitForTrainer();
    const auto snapshot = m_trainer->latest();

    const lessons::Lesson& lesson = m_player.currentLesson();
    for (int pass = 0; pass < 2 || m_screen.busy(); ++pass) { // later passes draw with measured layouts
        if (pass >= 2) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        m_screen.update(lesson, stepIndex, *snapshot);
        m_screen.draw(m_texture);
    }
    m_screen.update(lesson, stepIndex, *snapshot);
    m_screen.draw(m_texture);
    m_texture.display();
    try {
        writePng(m_texture.getTexture().copyToImage(), png);
    } catch (const std::runtime_error& e) { // a full or read-only disk: the reason, no partial file
        throw RenderError(e.what());
    }
    return snapshot;
}

// ---------------------------------------------------------------- runRender

int runRender(const RenderOptions& o, std::ostream& err) {
    const auto size = parseSize(o.size);
    if (!size) {
        err << "stepwise render: --size " << o.size << ": expected WxH between 320x240 and 8192x8192\n";
        return 2;
    }
    lessons::LessonLibrary library = lessons::loadLibrary(lessonDir());
    err << errorLines(library.errors);
    const auto step = static_cast<std::size_t>(o.step - 1);
    StepRenderSettings settings;
    settings.data = o.data;
    settings.network = o.network;
    settings.iterations = o.iterations;
    settings.size = *size;
    settings.projector = o.present;
    settings.palette = views::parsePalette(o.palette).value_or(views::Palette::PurpleOrange);
    settings.questions = true; // the step as the learner first meets it
    const auto id = lessons::findLessonId(library.lessons, o.lesson); // an id, or the file's name
    if (!id) {
        err << "stepwise render: " << lessons::unknownLessonLine(library.lessons, o.lesson) << "\n";
        return 2;
    }
    for (const lessons::Lesson& lesson : library.lessons)
        if (lesson.id == *id && step >= lesson.steps.size()) {
            err << "stepwise render: --step " << o.step << ": " << lessons::missingStepLine(lesson, step + 1) << "\n";
            return 2;
        }
    if (const auto problem = displayProblem()) {
        err << noDisplayForCommand("render", *problem) << "\n";
        return 1;
    }
    try {
        StepRenderer renderer(std::move(library.lessons), settings);
        renderer.render(*id, step, o.out);
    } catch (const RenderError& e) {
        err << "stepwise render: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

} // namespace stepwise::app
