// `stepwise train` (text or JSON report, progress bar on a terminal) and `stepwise trace`
// (.npy files plus manifest.json). Both drive the same core::Stepper as the window.
#include "app/commands/train_command.hpp"

#include "core/stepper.hpp"
#include "data/npy.hpp"
#include "training/checkpoint.hpp"
#include "training/parallel.hpp"
#include "training/prepared_data.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <map>
#include <ostream>
#include <stdexcept>
#include <unistd.h>

namespace stepwise::app {

namespace {

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", 100.0 * fraction);
    return text;
}

void drawProgress(std::ostream& err, long done, long total) {
    constexpr int width = 40;
    const int filled = total > 0 ? static_cast<int>(width * done / total) : width;
    err << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
        << std::string(static_cast<std::size_t>(width - filled), '.') << "] " << done << "/" << total << std::flush;
}

} // namespace

int runTrain(const TrainOptions& o, std::ostream& out, std::ostream& err) {
    // Refuse a checkpoint that cannot be written before the training, not after it.
    if (!o.save.empty() && o.save.has_parent_path() && !std::filesystem::is_directory(o.save.parent_path()))
        throw std::runtime_error("cannot save checkpoint " + o.save.string() + ": its folder " +
                                 o.save.parent_path().string() + " does not exist");
    const training::PreparedData data = training::prepareData(o.data, o.network.seed);
    core::Stepper stepper(o.network, core::initialParameters(o.network), data.train, data.totalRows);
    const bool progress = !o.json && isatty(STDERR_FILENO);

    if (!o.json) {
        out << "stepwise train: " << core::describe(o.network) << "\n"
            << "data: " << data.origin << " (" << data.train->size() << " train / " << data.dev->size() << " dev"
            << (data.test ? " / " + std::to_string(data.test->size()) + " test" : std::string()) << ")\n"
            << "iteration      loss   train accuracy\n";
    }
    nlohmann::json history = nlohmann::json::array();
    std::vector<training::HistoryPoint> points; // for the checkpoint, one per iteration like the trainer's
    training::IterationScores last;
    double seconds = 0.0;
    for (long i = 0; i < o.iterations; ++i) {
        const auto start = std::chrono::steady_clock::now();
        stepper.runIteration(training::runOnThreads);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        last = training::scoreIteration(stepper);
        if (!o.save.empty()) {
            const auto dev = core::forwardOutput(o.network, stepper.parameters(), data.dev->X);
            points.push_back({stepper.iteration(), last.loss, last.trainAccuracy, core::accuracy(dev, data.dev->labels)});
        }
        const bool report = o.every > 0 && (i % o.every == 0 || i + 1 == o.iterations);
        if (report) {
            if (o.json) {
                history.push_back({{"iteration", i}, {"loss", last.loss}, {"train_accuracy", last.trainAccuracy}});
            } else {
                if (progress) err << "\r" << std::string(60, ' ') << "\r";
                char line[96];
                std::snprintf(line, sizeof line, "%9ld  %8.4f   %s\n", i, last.loss, percent(last.trainAccuracy).c_str());
                out << line << std::flush;
            }
        }
        if (progress && (i % 5 == 0 || i + 1 == o.iterations)) drawProgress(err, i + 1, o.iterations);
    }
    if (progress) err << "\n";

    const core::Parameters& params = stepper.parameters();
    const Eigen::MatrixXf devOut = core::forwardOutput(o.network, params, data.dev->X);
    const double devAccuracy = core::accuracy(devOut, data.dev->labels);
    double testAccuracy = -1.0;
    if (data.test) testAccuracy = core::accuracy(core::forwardOutput(o.network, params, data.test->X), data.test->labels);
    const double msPerIteration = o.iterations > 0 ? 1000.0 * seconds / static_cast<double>(o.iterations) : 0.0;
    const Eigen::VectorXi predicted = core::predictions(devOut);
    const Eigen::Index shown = std::min<Eigen::Index>(11, predicted.size());

    if (!o.save.empty()) {
        training::Checkpoint checkpoint;
        checkpoint.config = o.network;
        // After the last update: the same network as position 0 of the next iteration.
        checkpoint.parameters = params;
        checkpoint.iteration = stepper.iteration();
        checkpoint.optimizerState = stepper.optimizerState(); // after the last update, like the parameters
        checkpoint.position = 0;
        checkpoint.history = std::move(points);
        checkpoint.devAccuracy = devAccuracy;
        training::saveCheckpoint(o.save, checkpoint);
    }

    if (o.json) {
        nlohmann::json j;
        j["iterations"] = o.iterations;
        j["dev_accuracy"] = devAccuracy;
        j["test_accuracy"] = testAccuracy >= 0.0 ? nlohmann::json(testAccuracy) : nlohmann::json(nullptr);
        j["train_accuracy"] = last.trainAccuracy;
        j["loss"] = std::isfinite(last.loss) ? nlohmann::json(last.loss) : nlohmann::json(nullptr);
        j["ms_per_iteration"] = msPerIteration;
        j["seed"] = o.network.seed;
        j["alpha"] = o.network.alpha;
        j["hidden"] = o.network.hidden;
        j["activation"] = core::toString(o.network.activation);
        j["init"] = core::toString(o.network.init);
        j["paper_faithful"] = o.network.paperFaithful;
        j["optimizer"] = core::toString(o.network.optimizer);
        j["batch"] = stepper.batch().size();
        j["train_images"] = data.train->size();
        j["dev_images"] = data.dev->size();
        j["history"] = history;
        std::vector<int> actual, predict;
        for (Eigen::Index k = 0; k < shown; ++k) {
            actual.push_back(data.dev->labels(k));
            predict.push_back(predicted(k));
        }
        j["results"] = {{"actual", actual}, {"predict", predict}};
        if (!o.save.empty()) j["checkpoint"] = o.save.string();
        out << j.dump(2) << "\n";
        return 0;
    }
    out << "\ndev accuracy   " << percent(devAccuracy) << " (" << data.dev->size() << " held-out images)\n";
    if (testAccuracy >= 0.0)
        out << "test accuracy  " << percent(testAccuracy) << " (" << data.test->size() << " MNIST test images)\n";
    else
        out << "test accuracy  not measured (no MNIST t10k files next to the data)\n";
    char ms[64];
    std::snprintf(ms, sizeof ms, "%.2f", msPerIteration);
    out << "ms per iteration " << ms << " (m = " << stepper.batch().size() << ")\n\nResults (first " << shown
        << " dev images)\n";
    out << "Actual ";
    for (Eigen::Index k = 0; k < shown; ++k) out << std::setw(3) << data.dev->labels(k);
    out << "\nPredict";
    for (Eigen::Index k = 0; k < shown; ++k) out << std::setw(3) << predicted(k);
    out << "\n       ";
    for (Eigen::Index k = 0; k < shown; ++k) out << std::setw(3) << (predicted(k) == data.dev->labels(k) ? " " : "^");
    out << "   (^ = mistake)\n";
    if (!o.save.empty())
        out << "\ncheckpoint saved to " << o.save.string() << " (iteration " << o.iterations
            << "; start the window from it with stepwise --load " << o.save.string() << ")\n";
    return 0;
}

std::size_t writeTensorFolder(const std::filesystem::path& dir, const TensorFolder& folder) {
    std::filesystem::create_directories(dir);
    nlohmann::json manifest = folder.extra;
    manifest["iteration"] = folder.iteration;
    const core::NetworkConfig& network = folder.network;
    manifest["network"] = {{"hidden", network.hidden},
                           {"activation", core::toString(network.activation)},
                           {"alpha", network.alpha},
                           {"init", core::toString(network.init)},
                           {"seed", network.seed},
                           {"paper_faithful", network.paperFaithful},
                           {"gradient_divisor_m", folder.gradientDivisor}};
    nlohmann::json optimizer{{"name", core::toString(network.optimizer)},
                             {"alpha", network.alpha},
                             {"batch", folder.batch},
                             {"t", folder.optimizerSteps}};
    if (network.optimizer == core::Optimizer::Momentum) optimizer["beta"] = network.beta;
    if (network.optimizer == core::Optimizer::Adam) {
        optimizer["beta1"] = network.beta1;
        optimizer["beta2"] = network.beta2;
        optimizer["epsilon"] = network.epsilon;
    }
    manifest["optimizer"] = optimizer;
    manifest["loss"] = folder.loss;
    nlohmann::json tensors;
    std::map<std::string, std::string> producedBy;
    for (const auto& e : core::iterationEquations(network)) {
        producedBy[e.output] = e.id;
        for (const auto& also : e.intermediates) producedBy[also] = e.id; // Adam's M̂ and V̂
    }
    const auto partial = [&](const std::string& name) {
        return std::find(folder.partial.begin(), folder.partial.end(), name) != folder.partial.end();
    };
    for (const auto& name : core::tensorNames(network)) {
        const auto t = folder.tensor(name);
        if (!t) continue;
        const std::string file = name + ".npy";
        data::writeNpy(dir / file, *t);
        nlohmann::json entry{{"file", file}, {"shape", {t->rows(), t->cols()}}, {"dtype", "float32"}};
        entry["equation"] = producedBy.count(name) ? nlohmann::json(producedBy[name]) : nlohmann::json(nullptr);
        if (partial(name)) entry["columns"] = folder.columns;
        tensors[name] = entry;
    }
    data::writeNpy(dir / "labels.npy", folder.labels);
    tensors["labels"] = {{"file", "labels.npy"}, {"shape", {folder.labels.size()}}, {"dtype", "int64"},
                         {"equation", nullptr}};
    if (partial("labels")) tensors["labels"]["columns"] = folder.columns;
    manifest["tensors"] = tensors;
    const std::filesystem::path file = dir / "manifest.json";
    std::ofstream stream(file);
    stream << manifest.dump(2) << "\n";
    stream.close();
    if (!stream) throw std::runtime_error(file.string() + ": cannot write");
    return tensors.size();
}

int runTrace(const TraceOptions& o, std::ostream& out, std::ostream&) {
    const training::PreparedData data = training::prepareData(o.data, o.network.seed, o.samples);
    core::Stepper stepper(o.network, core::initialParameters(o.network), data.train, data.totalRows);
    for (long i = 0; i < o.iteration; ++i) stepper.runIteration(training::runOnThreads);
    // Iteration K itself, one equation at a time, exactly as the lesson steps it.
    // (After a whole iteration the position is N: the first step() starts iteration K.)
    do stepper.step(training::runOnThreads); while (stepper.position() < stepper.equations().size());

    TensorFolder folder;
    folder.iteration = o.iteration;
    folder.network = o.network;
    folder.gradientDivisor = stepper.gradientDivisor();
    folder.loss = stepper.loss();
    folder.batch = stepper.batch().size();
    folder.optimizerSteps = stepper.optimizerState().t; // the update has run: 1 after the first
    if (stepper.miniBatch()) // which training columns the traced A0 and labels are
        folder.extra["minibatch_columns"] = stepper.batchColumns();
    const Eigen::MatrixXf A0 = stepper.batch().A0(0, stepper.batch().size()); // A⁰ = X / 255, from the bytes
    folder.tensor = [&](const std::string& name) -> std::optional<Eigen::Map<const Eigen::MatrixXf>> {
        if (name == "A0") return Eigen::Map<const Eigen::MatrixXf>(A0.data(), A0.rows(), A0.cols());
        return stepper.tensor(name);
    };
    folder.labels = stepper.batch().labels;
    const std::size_t written = writeTensorFolder(o.out, folder);
    out << "wrote " << written << " tensors of iteration " << o.iteration << " to " << o.out.string() << "\n";
    return 0;
}

} // namespace stepwise::app
