// `stepwise compare` (compare_command.hpp): parse the specs, train each run on its own thread
// against the same split, then write the curves and the table.
#include "app/commands/compare_command.hpp"

#include "app/display_check.hpp"
#include "app/png_file.hpp"
#include "core/run_spec.hpp"
#include "core/stepper.hpp"
#include "training/parallel.hpp"
#include "training/prepared_data.hpp"
#include "views/plot_view.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <ostream>
#include <stdexcept>
#include <thread>

namespace stepwise::app {

namespace {

/// One sampled iteration of one run.
struct CurvePoint {
    long iteration = 0;     // completed iterations
    long imagesSeen = 0;    // iteration × columns per iteration
    double seconds = 0.0;   // the run's compute seconds so far
    double loss = 0.0;
    double trainAccuracy = 0.0;
    double devAccuracy = 0.0;
};

/// One run's inputs and results.
struct RunResult {
    std::string spec;
    core::RunSpec run;
    std::vector<CurvePoint> curve;
    double seconds = 0.0;
    double trainAccuracy = 0.0, devAccuracy = 0.0, testAccuracy = -1.0;
    long parameters = 0;
    std::exception_ptr error;
};


/// Trains one run for \p iterations on the calling thread, sampling every \p every iterations.
void trainRun(RunResult& r, const training::PreparedData& data, long iterations, long every) {
    const core::NetworkConfig& c = r.run.config;
    std::shared_ptr<const core::Batch> train = data.train;
    if (r.run.trainImages > 0 && r.run.trainImages < data.train->size()) {
        auto subset = std::make_shared<core::Batch>();
        subset->X = data.train->X.leftCols(r.run.trainImages);   // the first N images of the split
        subset->labels = data.train->labels.head(r.run.trainImages);
        train = subset;
    }
    const double start = training::threadCpuSeconds();
    core::Stepper stepper(c, core::initialParameters(c), train, data.totalRows);
    const long columns = c.columnsPerIteration(train->size());
    training::IterationScores last;
    for (long i = 1; i <= iterations; ++i) {
        stepper.runIteration();
        last = training::scoreIteration(stepper);
        if (i % every == 0 || i == iterations || i == 1) {
            const double seconds = training::threadCpuSeconds() - start;
            const double dev = core::accuracy(core::forwardOutput(c, stepper.parameters(), data.dev->X), data.dev->labels);
            r.curve.push_back({i, i * columns, seconds, last.loss, last.trainAccuracy, dev});
        }
    }
    r.seconds = training::threadCpuSeconds() - start;
    r.trainAccuracy = last.trainAccuracy;
    r.devAccuracy = r.curve.empty() ? core::accuracy(core::forwardOutput(c, stepper.parameters(), data.dev->X), data.dev->labels)
                                    : r.curve.back().devAccuracy;
    if (data.test)
        r.testAccuracy = core::accuracy(core::forwardOutput(c, stepper.parameters(), data.test->X), data.test->labels);
}

std::string fixed(double v, int digits) {
    if (!std::isfinite(v)) return "nan";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

/// A CSV field: quoted when it holds a comma or a quote.
std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

/// A Markdown table cell: | would end the cell.
std::string mdCell(const std::string& s) {
    std::string out;
    for (char ch : s) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
    return out;
}

void writeFileOrThrow(const std::filesystem::path& file, const std::string& text) {
    std::ofstream f(file, std::ios::binary);
    f << text;
    f.close();
    if (!f) throw std::runtime_error("cannot write " + file.string());
}

/// Draws DIR/curves.png: the loss (top) and dev accuracy (bottom) of every run against the
/// iteration, one colour per run (dashed past the theme's four colours), legends naming the runs.
/// An offscreen render texture: it needs an X display (OpenGL through X) but opens no window.
void drawCurves(const std::vector<RunResult>& results, const std::filesystem::path& file) {
    const unsigned width = 1920, height = 1300; // stacked: each legend gets the full width
    sf::RenderTexture texture;
    if (!texture.create(width, height)) throw std::runtime_error("cannot create a render texture for " + file.string());
    const views::Theme theme = views::Theme::projector();
    texture.clear(theme.background);
    views::PlotView loss, accuracy;
    std::vector<views::PlotView::Series> lossSeries, accuracySeries;
    for (std::size_t k = 0; k < results.size(); ++k) {
        views::PlotView::Series l, a;
        l.name = a.name = core::runLabel(results[k].run);
        l.colour = a.colour = static_cast<int>(k % theme.series.size());
        l.dashed = a.dashed = k >= theme.series.size();
        for (const CurvePoint& p : results[k].curve) {
            l.x.push_back(static_cast<float>(p.iteration));
            l.y.push_back(std::isfinite(p.loss) ? static_cast<float>(p.loss) : std::nanf(""));
            a.x.push_back(static_cast<float>(p.iteration));
            a.y.push_back(static_cast<float>(p.devAccuracy));
        }
        lossSeries.push_back(std::move(l));
        accuracySeries.push_back(std::move(a));
    }
    loss.setTitle("Loss");
    loss.setAxisLabels("iteration", "cross-entropy");
    loss.setSeries(std::move(lossSeries));
    accuracy.setTitle("Dev accuracy");
    accuracy.setAxisLabels("iteration", "");
    accuracy.setPercent(true);
    accuracy.setYRange(0.f, 1.f);
    accuracy.setSeries(std::move(accuracySeries));
    loss.setRect({20.f, 20.f, width - 40.f, height / 2.f - 30.f});
    accuracy.setRect({20.f, height / 2.f + 10.f, width - 40.f, height / 2.f - 30.f});
    loss.draw(texture, theme);
    accuracy.draw(texture, theme);
    texture.display();
    writePng(texture.getTexture().copyToImage(), file);
}

} // namespace

int runCompare(const CompareOptions& o, std::ostream& out, std::ostream& err) {
    std::vector<RunResult> results(o.runs.size());
    for (std::size_t k = 0; k < o.runs.size(); ++k) {
        try {
            results[k].run = core::parseRunSpec(o.runs[k], o.base);
        } catch (const core::RunSpecError& e) {
            err << "stepwise compare: " << e.what() << "\n";
            return 2;
        }
        results[k].spec = o.runs[k];
        results[k].parameters = results[k].run.config.parameterCount();
    }
    std::error_code ec;
    std::filesystem::create_directories(o.out, ec);
    if (!std::filesystem::is_directory(o.out, ec)) throw std::runtime_error("cannot create the folder " + o.out.string());

    const training::PreparedData data = training::prepareData(o.data, o.base.seed);
    for (const RunResult& r : results)
        if (r.run.trainImages > data.train->size()) {
            err << "stepwise compare: run \"" << r.spec << "\": train must be at most " << data.train->size()
                << " (the training images of this split)\n";
            return 2;
        }
    const long every = std::max(1L, o.iterations / 200); // about 200 points per curve
    {
        std::vector<std::jthread> threads;
        for (RunResult& r : results)
            threads.emplace_back([&r, &data, &o, every] {
                try {
                    trainRun(r, data, o.iterations, every);
                } catch (...) {
                    r.error = std::current_exception();
                }
            });
    } // the jthreads join here
    for (const RunResult& r : results)
        if (r.error) std::rethrow_exception(r.error);

    std::string csv = "run,label,iteration,images_seen,seconds,loss,train_accuracy,dev_accuracy\n";
    for (std::size_t k = 0; k < results.size(); ++k)
        for (const CurvePoint& p : results[k].curve)
            csv += std::to_string(k + 1) + "," + csvField(core::runLabel(results[k].run)) + "," +
                   std::to_string(p.iteration) + "," + std::to_string(p.imagesSeen) + "," + fixed(p.seconds, 4) + "," +
                   fixed(p.loss, 6) + "," + fixed(p.trainAccuracy, 6) + "," + fixed(p.devAccuracy, 6) + "\n";
    writeFileOrThrow(o.out / "curves.csv", csv);

    auto pct = [](double v) { return v < 0 ? std::string("-") : fixed(100.0 * v, 2) + " %"; };
    std::string md = "# stepwise compare\n\n" + std::to_string(o.iterations) + " iterations per run, seed " +
                     std::to_string(o.base.seed) + ", data " + data.origin + " (" + std::to_string(data.train->size()) +
                     " train / " + std::to_string(data.dev->size()) + " dev" +
                     (data.test ? " / " + std::to_string(data.test->size()) + " test" : std::string()) +
                     "). Seconds are each run's own compute time.\n\n"
                     "| run | label | spec | parameters | iterations | seconds | train | dev | test |\n"
                     "|---:|---|---|---:|---:|---:|---:|---:|---:|\n";
    nlohmann::json runs = nlohmann::json::array();
    for (std::size_t k = 0; k < results.size(); ++k) {
        const RunResult& r = results[k];
        md += "| " + std::to_string(k + 1) + " | " + mdCell(core::runLabel(r.run)) + " | `" + mdCell(r.spec) + "` | " +
              std::to_string(r.parameters) + " | " + std::to_string(o.iterations) + " | " + fixed(r.seconds, 2) + " | " +
              pct(r.trainAccuracy) + " | " + pct(r.devAccuracy) + " | " + pct(r.testAccuracy) + " |\n";
        runs.push_back({{"run", k + 1},
                        {"label", core::runLabel(r.run)},
                        {"spec", r.spec},
                        {"network", core::describe(r.run.config)},
                        {"parameters", r.parameters},
                        {"iterations", o.iterations},
                        {"seconds", r.seconds},
                        {"train_accuracy", r.trainAccuracy},
                        {"dev_accuracy", r.devAccuracy},
                        {"test_accuracy", r.testAccuracy >= 0 ? nlohmann::json(r.testAccuracy) : nlohmann::json(nullptr)},
                        {"final_loss", r.curve.empty() || !std::isfinite(r.curve.back().loss)
                                           ? nlohmann::json(nullptr)
                                           : nlohmann::json(r.curve.back().loss)}});
    }
    writeFileOrThrow(o.out / "summary.md", md);

    // The table and the curves are written before the plot: without a display they still exist.
    const auto problem = displayProblem();
    if (!problem) drawCurves(results, o.out / "curves.png");

    if (o.json) {
        nlohmann::json j{{"iterations", o.iterations}, {"seed", o.base.seed}, {"out", o.out.string()}, {"runs", runs}};
        out << j.dump(2) << "\n";
    } else {
        out << md << "\nwrote " << (o.out / "curves.csv").string() << ", " << (o.out / "summary.md").string()
            << (problem ? std::string() : " and " + (o.out / "curves.png").string()) << "\n";
    }
    if (problem) {
        err << noDisplayForCommand("compare", *problem) << " (curves.csv and summary.md are written, curves.png is not)\n";
        return 1;
    }
    return 0;
}

} // namespace stepwise::app
