// `stepwise render`: one lesson step drawn exactly as the window shows it, into a PNG.
#include "app/lesson_screen.hpp"
#include "app/session.hpp"
#include "app/window_command.hpp"
#include "lessons/lesson_parser.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <chrono>
#include <ostream>
#include <thread>

namespace stepwise::app {

int runRender(const RenderOptions& o, std::ostream& err) {
    const auto size = parseSize(o.size);
    if (!size) {
        err << "stepwise render: --size " << o.size << ": expected WxH between 320x240 and 8192x8192\n";
        return 2;
    }
    const lessons::LessonLibrary library = lessons::loadLibrary(lessonDir());
    err << errorLines(library.errors);
    lessons::LessonPlayer player(library.lessons);
    if (!player.jumpTo(o.lesson, static_cast<std::size_t>(o.step - 1))) {
        err << "stepwise render: no step " << o.step << " in lesson \"" << o.lesson << "\"\n";
        return 2;
    }
    core::NetworkConfig config;
    config.seed = o.seed;
    training::Trainer trainer(config, training::prepareData(o.data, o.seed));
    if (o.iterations > 0) {
        trainer.send(training::command::RunIterations{o.iterations});
        if (!trainer.waitUntilIdle(std::chrono::minutes(10))) {
            err << "stepwise render: training did not finish\n";
            return 1;
        }
    }
    syncTrainer(player, trainer, false);
    if (!player.stepperTarget() && player.stepperTargetSoFar())
        trainer.send(training::command::SeekPosition{*player.stepperTargetSoFar()});
    if (!trainer.waitUntilIdle(std::chrono::minutes(10))) {
        err << "stepwise render: training did not finish\n";
        return 1;
    }
    const auto snapshot = trainer.latest();

    sf::RenderTexture texture;
    if (!texture.create(size->x, size->y)) {
        err << "stepwise render: cannot create a " << o.size << " render texture (is there an X display?)\n";
        return 1;
    }
    LessonScreen screen(themeFor(o.present, *size));
    screen.setSize({static_cast<float>(size->x), static_cast<float>(size->y)});
    for (int pass = 0; pass < 2 || screen.busy(); ++pass) { // later passes draw with measured layouts
        if (pass >= 2) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        screen.update(player.currentLesson(), player.stepIndex(), *snapshot);
        screen.draw(texture);
    }
    screen.update(player.currentLesson(), player.stepIndex(), *snapshot);
    screen.draw(texture);
    texture.display();
    if (!texture.getTexture().copyToImage().saveToFile(o.out.string())) {
        err << "stepwise render: cannot write " << o.out.string() << "\n";
        return 1;
    }
    return 0;
}

} // namespace stepwise::app
