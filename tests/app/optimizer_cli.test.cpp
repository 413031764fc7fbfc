// The optimisers on the command line: --optimizer, --batch, --beta, --beta1, --beta2 and
// --epsilon refuse bad values with one line and exit 2, adam defaults to alpha 0.001, and
// `trace` writes each optimiser's state before and after the step, checked in NumPy.
#include "app/commands/cli.hpp"
#include "data/npy.hpp"
#include "support/test_paths.hpp"

#include "app_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

using namespace stepwise::test;

TEST_CASE("[app] bad optimiser options exit 2 with one line naming the option") {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"train", "--optimizer", "rmsprop"}, "stepwise: --optimizer: rmsprop not in {gd,sgd,momentum,adam} (see stepwise --help)\n"},
        {{"trace", "--out", "x", "--beta", "1"},
         "stepwise: --beta: expected a number at least 0 and below 1, found 1 (see stepwise --help)\n"},
        {{"train", "--beta1", "-0.5"},
         "stepwise: --beta1: expected a number at least 0 and below 1, found -0.5 (see stepwise --help)\n"},
        {{"train", "--beta2", "abc"},
         "stepwise: --beta2: expected a number at least 0 and below 1, found abc (see stepwise --help)\n"},
        {{"trace", "--out", "x", "--batch", "-3"}, "--batch"},
        {{"train", "--epsilon", "0"}, "--epsilon"},
    };
    for (const auto& [args, message] : cases) {
        INFO(args[1] << " " << args.back());
        const auto r = runStepwise(args);
        CHECK(r.code == 2);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        if (message.back() == '\n') CHECK(r.err == message);
        else CHECK(r.err.find(message) != std::string::npos);
    }
}

TEST_CASE("[app] trace writes the optimiser's state, the mini-batch and the optimizer manifest keys") {
    struct Case {
        std::string optimizer;
        std::vector<std::string> state; // the state tensors of W1, before the step
        std::vector<std::string> keys;  // the manifest's optimizer keys
    };
    for (const Case& c : {Case{"sgd", {}, {"alpha", "batch", "name", "t"}},
                          Case{"momentum", {"vW1"}, {"alpha", "batch", "beta", "name", "t"}},
                          Case{"adam", {"mW1", "vW1"}, {"alpha", "batch", "beta1", "beta2", "epsilon", "name", "t"}}}) {
        INFO(c.optimizer);
        const auto dir = scratchDir("app-trace-" + c.optimizer);
        const auto r = runStepwise({"trace", "--data", mnist(), "--samples", "2000", "--iteration", "2", "--optimizer",
                                    c.optimizer, "--batch", "128", "--out", dir.string()});
        REQUIRE(r.code == 0);
        const auto manifest = nlohmann::json::parse(std::ifstream(dir / "manifest.json"));
        const auto& o = manifest["optimizer"];
        std::set<std::string> keys;
        for (const auto& [key, value] : o.items()) keys.insert(key);
        CHECK(keys == std::set<std::string>(c.keys.begin(), c.keys.end()));
        CHECK(o["name"] == c.optimizer);
        CHECK(o["batch"] == 128);
        CHECK(o["t"] == 3); // the third update: iterations 0 and 1 ran before the traced one
        CHECK(o["alpha"].get<double>() == Approx(c.optimizer == "adam" ? 0.001 : 0.1)); // adam's own default
        if (c.optimizer == "adam") CHECK(o["beta2"].get<double>() == Approx(0.999));
        // A0 and the labels are the step's mini-batch of 128 columns.
        CHECK(manifest["tensors"]["A0"]["shape"] == nlohmann::json::array({784, 128}));
        CHECK(stepwise::data::readNpy(dir / "labels.npy").shape == std::vector<std::size_t>{128});
        CHECK(manifest["minibatch_columns"].size() == 128u);
        for (const std::string layer : {"1", "2"})
            for (const std::string& base : c.state) {
                const std::string name = base.substr(0, 2) + layer, bias = base.substr(0, 1) + "b" + layer;
                for (const std::string& file : {name, name + "_after", bias, bias + "_after"}) {
                    INFO(file);
                    REQUIRE(manifest["tensors"].contains(file));
                    const auto npy = stepwise::data::readNpy(dir / (file + ".npy"));
                    const std::size_t rows = 10, cols = file[1] == 'b' ? 1 : layer == "1" ? 784 : 10;
                    CHECK(npy.shape == std::vector<std::size_t>{rows, cols});
                }
                CHECK(manifest["tensors"][name + "_after"]["equation"] ==
                      "update." + std::string(1, base[0]) + "w" + layer);
            }
        if (c.state.empty()) CHECK_FALSE(manifest["tensors"].contains("vW1"));

        const std::string cmd = "/usr/bin/python3 " + (sourceDir() / "tests/app/check_trace.py").string() + " " +
                                dir.string() + " > " + (dir / "numpy.txt").string() + " 2>&1";
        const int rc = std::system(cmd.c_str());
        std::stringstream report;
        report << std::ifstream(dir / "numpy.txt").rdbuf();
        INFO(report.str());
        CHECK(rc == 0);
        CHECK(report.str().find("W2_after") != std::string::npos);
        if (!c.state.empty()) CHECK(report.str().find("vb2_after") != std::string::npos);
        if (c.optimizer == "adam") { // the bias-corrected moments of the step, also recomputed by NumPy
            for (const char* file : {"mhatW1", "vhatW1", "mhatb2", "vhatb2"}) {
                INFO(file);
                REQUIRE(manifest["tensors"].contains(file));
                CHECK(manifest["tensors"][file]["equation"] == (file[4] == 'W' ? "update.w" : "update.b") + std::string(1, file[5]));
            }
            CHECK(report.str().find("mhatW1") != std::string::npos);
            CHECK(report.str().find("vhatb2") != std::string::npos);
        }
    }
}

TEST_CASE("[app] train runs every optimiser and its JSON names it") {
    for (const char* optimizer : {"sgd", "momentum", "adam"}) {
        INFO(optimizer);
        const auto r = runStepwise({"train", "--data", mnist(), "--iterations", "40", "--every", "20", "--json",
                                    "--optimizer", optimizer, "--batch", "256"});
        REQUIRE(r.code == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j["optimizer"] == optimizer);
        CHECK(j["batch"] == 256);
        CHECK(j["alpha"].get<double>() == Approx(optimizer == std::string("adam") ? 0.001 : 0.1));
        CHECK(j["loss"].get<double>() < j["history"][0]["loss"].get<double>());
    }
}
