// `stepwise train --save FILE`: the checkpoint it writes loads, holds the trained network (its dev
// accuracy re-measured from the loaded weights matches), and a folder that does not exist is
// refused before any training.
#include "app/commands/cli.hpp"
#include "core/stepper.hpp"
#include "support/test_paths.hpp"
#include "training/checkpoint.hpp"
#include "training/prepared_data.hpp"

#include "app_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <sstream>

using namespace stepwise::test;

namespace {

} // namespace

TEST_CASE("[app] train --save writes a checkpoint that loads with the trained network") {
    using namespace stepwise;
    const auto dir = test::scratchDir("app-train-save");
    const auto file = dir / "class.ckpt";
    const auto r = runStepwise({"train", "--data", mnist(), "--iterations", "4", "--every", "2", "--seed", "5",
                                "--hidden", "12", "--save", file.string()});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.out.find("checkpoint saved to " + file.string() + " (iteration 4; start the window from it with "
                     "stepwise --load " + file.string() + ")") != std::string::npos);

    const training::Checkpoint k = training::loadCheckpoint(file, 784);
    CHECK(k.iteration == 4);
    CHECK(k.position == 0);
    CHECK(k.lessonId.empty());
    CHECK(k.stepIndex == 0);
    CHECK(k.config.seed == 5);
    CHECK(k.config.hidden == std::vector<int>{12});
    REQUIRE(k.history.size() == 4);
    CHECK(k.history.front().iteration == 1);
    CHECK(k.history.back().iteration == 4);
    CHECK(k.history.back().loss < k.history.front().loss);
    CHECK(k.history.back().devAccuracy == k.devAccuracy);

    // The weights are the trained ones: the dev accuracy they give on the same split is the one saved.
    const training::PreparedData data = training::prepareData(mnist(), 5);
    const auto dev = core::forwardOutput(k.config, k.parameters, data.dev->X);
    CHECK(core::accuracy(dev, data.dev->labels) == k.devAccuracy);
    CHECK(k.devAccuracy > 0.15); // learning has begun (chance is 0.1)

    const auto json = runStepwise({"train", "--data", mnist(), "--iterations", "1", "--json", "--save", file.string()});
    REQUIRE(json.code == 0);
    CHECK(nlohmann::json::parse(json.out)["checkpoint"] == file.string());
    CHECK(training::loadCheckpoint(file).iteration == 1);
}

TEST_CASE("[app] train --save into a missing folder fails before training with one line") {
    const auto dir = stepwise::test::scratchDir("app-train-save-missing");
    const auto file = dir / "no-such-folder" / "class.ckpt";
    const auto r = runStepwise({"train", "--data", mnist(), "--iterations", "1000", "--save", file.string()});
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "stepwise: cannot save checkpoint " + file.string() + ": its folder " +
                       (dir / "no-such-folder").string() + " does not exist\n");
}
