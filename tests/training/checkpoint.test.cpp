// Checkpoints: a save/load round trip is bit-exact, a restored trainer continues exactly like the
// original, every kind of damaged file is refused with its own one-line message, and a save
// killed at a random moment never leaves a broken file behind.
#include "training/checkpoint.hpp"
#include "training/trainer.hpp"

#include "data/input_error.hpp"
#include "support/mounts.hpp"
#include "support/test_paths.hpp"

#include "synthetic_data.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <bit>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace stepwise;
using namespace std::chrono_literals;

using stepwise::test::syntheticData;

namespace {

/// A checkpoint that uses every field with values far from the defaults.
training::Checkpoint sampleCheckpoint() {
    training::Checkpoint k;
    k.config.hidden = {16, 12};
    k.config.activation = core::Activation::Sigmoid;
    k.config.init = core::Init::He;
    k.config.alpha = 0.0375f;
    k.config.seed = 0x0123456789abcdefULL;
    k.config.paperFaithful = true;
    k.parameters = core::initialParameters(k.config);
    k.parameters.W(1)(3, 5) = -0.0f; // the sign of zero must survive
    k.iteration = 1234;
    k.position = 7;
    k.history = {{1, 2.5, 0.125, -1.0}, {2, std::nan(""), 0.25, 0.5}, {1234, 0.3, 0.9, 0.875}};
    k.devAccuracy = 0.875;
    k.lessonId = "04-backward";
    k.stepIndex = 5;
    return k;
}

bool sameBits(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(float)) == 0;
}

bool sameBits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

/// Bytes of the optimiser section of a version 2 file for gd or sgd (no tensors): code, three
/// reserved bytes, batch, β, β₁, β₂, ε, t.
constexpr std::size_t kGdOptimizerSection = 4 + 4 + 4 * 4 + 8;

void checkSameParameters(const core::Parameters& a, const core::Parameters& b) {
    REQUIRE(a.layers() == b.layers());
    REQUIRE(a.biases.size() == b.biases.size());
    for (int l = 1; l <= a.layers(); ++l) {
        INFO("layer " << l);
        CHECK(sameBits(a.W(l), b.W(l)));
        CHECK(sameBits(a.b(l), b.b(l)));
    }
}

void checkSame(const training::Checkpoint& a, const training::Checkpoint& b) {
    CHECK(a.config.inputs == b.config.inputs);
    CHECK(a.config.hidden == b.config.hidden);
    CHECK(a.config.outputs == b.config.outputs);
    CHECK(a.config.activation == b.config.activation);
    CHECK(a.config.init == b.config.init);
    CHECK(std::bit_cast<std::uint32_t>(a.config.alpha) == std::bit_cast<std::uint32_t>(b.config.alpha));
    CHECK(a.config.seed == b.config.seed);
    CHECK(a.config.paperFaithful == b.config.paperFaithful);
    checkSameParameters(a.parameters, b.parameters);
    CHECK(a.iteration == b.iteration);
    CHECK(a.position == b.position);
    REQUIRE(a.history.size() == b.history.size());
    for (std::size_t i = 0; i < a.history.size(); ++i) {
        INFO("history point " << i);
        CHECK(a.history[i].iteration == b.history[i].iteration);
        CHECK(sameBits(a.history[i].loss, b.history[i].loss));
        CHECK(sameBits(a.history[i].trainAccuracy, b.history[i].trainAccuracy));
        CHECK(sameBits(a.history[i].devAccuracy, b.history[i].devAccuracy));
    }
    CHECK(sameBits(a.devAccuracy, b.devAccuracy));
    CHECK(a.lessonId == b.lessonId);
    CHECK(a.stepIndex == b.stepIndex);
    CHECK(a.config == b.config); // the optimiser, batch, β, β₁, β₂ and ε too
    CHECK(a.optimizerState.t == b.optimizerState.t);
    checkSameParameters(a.optimizerState.m, b.optimizerState.m);
    checkSameParameters(a.optimizerState.v, b.optimizerState.v);
}

std::vector<std::uint8_t> readBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

/// CRC-32 (IEEE, reflected 0xEDB88320) written out bit by bit, independently of zlib.
std::uint32_t referenceCrc32(const std::uint8_t* data, std::size_t size) {
    std::uint32_t crc = 0xffffffffu;
    for (std::size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/// Rewrites the trailing CRC-32 so that a deliberately inconsistent payload passes the checksum.
void resealChecksum(std::vector<std::uint8_t>& bytes) {
    const std::uint32_t crc = referenceCrc32(bytes.data(), bytes.size() - 4);
    for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(crc >> (8 * i));
}

void putU32(std::vector<std::uint8_t>& bytes, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}

void putU64(std::vector<std::uint8_t>& bytes, std::size_t at, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) bytes[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::string hex32(std::uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", v);
    return text;
}

/// The message loadCheckpoint(file) throws, or "" when it loads.
std::string loadError(const std::filesystem::path& file) {
    try {
        (void)training::loadCheckpoint(file);
    } catch (const data::InputError& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("[training] checkpoint round trip reproduces identical parameters, config, history and lesson step") {
    const auto dir = test::scratchDir("checkpoint-round-trip");
    const training::Checkpoint original = sampleCheckpoint();
    training::saveCheckpoint(dir / "class.ckpt", original);
    const training::Checkpoint loaded = training::loadCheckpoint(dir / "class.ckpt", 784);
    checkSame(loaded, original);
    CHECK(std::signbit(loaded.parameters.W(1)(3, 5)));
    CHECK(std::isnan(loaded.history[1].loss));

    // The file is exactly the documented layout: magic, version 1, payload length, CRC-32 of the rest.
    const auto bytes = readBytes(dir / "class.ckpt");
    REQUIRE(bytes.size() > 28);
    CHECK(std::string(bytes.begin(), bytes.begin() + 12) == "STEPWISECKPT");
    CHECK(bytes[12] == 2);
    CHECK((bytes[13] | bytes[14] | bytes[15]) == 0);
    std::uint64_t payload = 0;
    for (int i = 7; i >= 0; --i) payload = payload << 8 | bytes[16 + static_cast<std::size_t>(i)];
    CHECK(payload + 28 == bytes.size());
    const std::uint32_t stored = bytes[bytes.size() - 4] | std::uint32_t{bytes[bytes.size() - 3]} << 8 |
                                 std::uint32_t{bytes[bytes.size() - 2]} << 16 | std::uint32_t{bytes[bytes.size() - 1]} << 24;
    CHECK(stored == referenceCrc32(bytes.data(), bytes.size() - 4));
    CHECK_FALSE(std::filesystem::exists(dir / ("class.ckpt.tmp-" + std::to_string(::getpid()))));

    // Saving again replaces the file; an empty lesson id stays empty.
    training::Checkpoint second = original;
    second.lessonId.clear();
    second.iteration = 1235;
    second.history.clear();
    training::saveCheckpoint(dir / "class.ckpt", second);
    checkSame(training::loadCheckpoint(dir / "class.ckpt"), second);
}

TEST_CASE("[training] a trainer restored from a checkpoint steps to bitwise the same parameters as the original") {
    const auto dir = test::scratchDir("checkpoint-restore");
    const auto data = syntheticData(900, 11);
    core::NetworkConfig config;
    config.optimizer = GENERATE(core::Optimizer::GradientDescent, core::Optimizer::SGD, core::Optimizer::Momentum,
                                core::Optimizer::Adam);
    config.alpha = core::defaultAlpha(config.optimizer);
    if (config.optimizer == core::Optimizer::SGD) config.batch = 128; // 7 mini-batches per epoch
    INFO(core::toString(config.optimizer));
    const std::size_t n = core::iterationEquations(config).size();
    training::Trainer original(config, data);
    core::NetworkConfig other;
    other.seed = 99; // different starting weights: everything must come from the checkpoint
    other.hidden = {7};
    training::Trainer restored(other, data);

    std::size_t equations = 0;
    SECTION("saved at the end of an iteration") { equations = 0; }
    SECTION("saved in the middle of an iteration") { equations = 5; }
    original.send(training::command::RunIterations{3});
    REQUIRE(original.waitUntilIdle(10s)); // a step command would cancel the remaining iterations
    for (std::size_t i = 0; i < equations; ++i) original.send(training::command::StepEquation{});
    REQUIRE(original.waitUntilIdle(10s));
    const auto saved = original.latest();
    CHECK(saved->position == (equations == 0 ? n : equations));

    const training::Checkpoint checkpoint = training::checkpointFrom(*saved, "05-update", 2);
    CHECK(checkpoint.completedIterations() == saved->iteration);
    CHECK(checkpoint.iteration == 3 - (equations == 0 ? 1 : 0));
    CHECK(checkpoint.position == saved->position);
    training::saveCheckpoint(dir / "run.ckpt", checkpoint);
    auto loaded = std::make_shared<const training::Checkpoint>(training::loadCheckpoint(dir / "run.ckpt", 784));
    CHECK(loaded->lessonId == "05-update");
    CHECK(loaded->stepIndex == 2);

    restored.send(training::command::Play{});
    restored.send(training::command::Restore{loaded});
    REQUIRE(restored.waitUntilIdle(10s));
    const auto back = restored.latest();
    CHECK(back->state == training::TrainerState::Paused);
    CHECK(back->iteration == saved->iteration);
    CHECK(back->position == saved->position);
    CHECK(back->config.hidden == saved->config.hidden);
    CHECK(back->config.seed == saved->config.seed);
    checkSameParameters(back->parameters, saved->parameters);
    REQUIRE(saved->history.size() == 3);
    REQUIRE(back->history.size() == saved->history.size());
    CHECK(back->history.back().iteration == saved->history.back().iteration);
    CHECK(sameBits(back->devAccuracy, saved->devAccuracy));
    // The tensors on screen are recomputed bit for bit.
    for (const char* name : {"Z1", "A1", "Z2", "dW1", "W1_after", "vW1", "mW1", "vb2_after", "mW2_after"}) {
        INFO(name);
        const Eigen::MatrixXf* mine = back->tensor(name);
        const Eigen::MatrixXf* theirs = saved->tensor(name);
        REQUIRE((mine == nullptr) == (theirs == nullptr));
        if (mine) CHECK(sameBits(*mine, *theirs));
    }

    original.send(training::command::StepIteration{});
    restored.send(training::command::StepIteration{});
    REQUIRE(original.waitUntilIdle(10s));
    REQUIRE(restored.waitUntilIdle(10s));
    const auto a = original.latest(), b = restored.latest();
    CHECK(a->iteration == 4); // a whole fourth iteration, or the rest of it
    CHECK(b->iteration == a->iteration);
    CHECK(b->position == a->position);
    checkSameParameters(b->parameters, a->parameters);
    CHECK(sameBits(b->loss, a->loss));
    CHECK(b->history.size() == a->history.size());
    CHECK(b->optimizerSteps == 4);
    CHECK(a->optimizerSteps == 4);
    if (config.optimizer != core::Optimizer::GradientDescent && config.optimizer != core::Optimizer::SGD) {
        REQUIRE(a->tensor("vW1_after"));
        CHECK(sameBits(*b->tensor("vW1_after"), *a->tensor("vW1_after")));
    }
    // Three more whole iterations (sgd: into the next epoch) stay bit for bit the same.
    original.send(training::command::RunIterations{3});
    restored.send(training::command::RunIterations{3});
    REQUIRE(original.waitUntilIdle(10s));
    REQUIRE(restored.waitUntilIdle(10s));
    checkSameParameters(restored.latest()->parameters, original.latest()->parameters);
    CHECK(restored.latest()->iteration == 7);
}

TEST_CASE("[training] momentum and adam checkpoints round trip their optimiser state bit for bit") {
    const auto dir = test::scratchDir("checkpoint-optimizer");
    for (core::Optimizer optimizer : {core::Optimizer::Momentum, core::Optimizer::Adam}) {
        INFO(core::toString(optimizer));
        training::Checkpoint k = sampleCheckpoint();
        k.config.paperFaithful = false;
        k.config.optimizer = optimizer;
        k.config.batch = 250;
        k.config.beta = 0.5f;
        k.config.beta1 = 0.75f;
        k.config.beta2 = 0.875f;
        k.config.epsilon = 1e-6f;
        k.optimizerState = core::initialOptimizerState(k.config);
        k.optimizerState.t = 77;
        k.optimizerState.v = core::initialParameters(k.config);
        k.optimizerState.v.b(2)(1) = -0.0f;
        if (optimizer == core::Optimizer::Adam) k.optimizerState.m = core::initialParameters(k.config);
        training::saveCheckpoint(dir / "state.ckpt", k);
        const training::Checkpoint loaded = training::loadCheckpoint(dir / "state.ckpt", 784);
        checkSame(loaded, k);
        CHECK(std::signbit(loaded.optimizerState.v.b(2)(1)));

        // A state that does not fit the optimiser is refused when saving.
        training::Checkpoint wrong = k;
        wrong.optimizerState = core::OptimizerState{};
        CHECK_THROWS_WITH(training::saveCheckpoint(dir / "wrong.ckpt", wrong),
                          "cannot save checkpoint " + (dir / "wrong.ckpt").string() + ": expected the " +
                              std::string(core::toString(optimizer)) +
                              " optimiser's state of the network's shapes and a step count >= 0");
    }
}

TEST_CASE("[training] a version 1 checkpoint (before optimisers) still loads as full-batch gd") {
    const auto dir = test::scratchDir("checkpoint-version-1");
    const training::Checkpoint k = sampleCheckpoint();
    training::saveCheckpoint(dir / "new.ckpt", k);
    // Version 1 is version 2 without the optimiser section at the end of the payload.
    std::vector<std::uint8_t> old = readBytes(dir / "new.ckpt");
    old.erase(old.end() - 4 - kGdOptimizerSection, old.end() - 4);
    putU32(old, 12, 1);
    putU64(old, 16, old.size() - 28);
    resealChecksum(old);
    writeBytes(dir / "old.ckpt", old);
    const training::Checkpoint loaded = training::loadCheckpoint(dir / "old.ckpt", 784);
    training::Checkpoint expected = k;
    expected.optimizerState.t = k.iteration; // one gd step per completed iteration
    checkSame(loaded, expected);
    CHECK(loaded.config.optimizer == core::Optimizer::GradientDescent);
    CHECK(loaded.config.batch == 0);
    // A version 1 file with an optimiser section is refused: version 1 ends after the history.
    auto longer = readBytes(dir / "new.ckpt");
    putU32(longer, 12, 1);
    resealChecksum(longer);
    writeBytes(dir / "longer.ckpt", longer);
    CHECK_THROWS_AS(training::loadCheckpoint(dir / "longer.ckpt"), data::InputError);
}

TEST_CASE("[training] restoring a checkpoint made for other images changes nothing and says why") {
    training::Trainer trainer(core::NetworkConfig{}, syntheticData(300, 12));
    trainer.send(training::command::StepIteration{});
    REQUIRE(trainer.waitUntilIdle(5s));
    const auto before = trainer.latest();

    auto foreign = std::make_shared<training::Checkpoint>();
    foreign->config.inputs = 700;
    foreign->parameters = core::initialParameters(foreign->config);
    foreign->iteration = 50;
    trainer.send(training::command::Restore{foreign});
    trainer.send(training::command::Restore{nullptr}); // ignored
    REQUIRE(trainer.waitUntilIdle(5s));
    const auto after = trainer.latest();
    CHECK(after->iteration == before->iteration);
    CHECK(after->position == before->position);
    checkSameParameters(after->parameters, before->parameters);
    CHECK(after->message == "Checkpoint not restored: checkpoint: network: expected 784 inputs like the images of the "
                            "data, found 700 (the 700-10-10 network was trained on other images)");

    const auto dir = test::scratchDir("checkpoint-foreign-inputs");
    training::saveCheckpoint(dir / "700.ckpt", *foreign);
    CHECK(training::loadCheckpoint(dir / "700.ckpt").config.inputs == 700);
    try {
        (void)training::loadCheckpoint(dir / "700.ckpt", 784);
        FAIL("a 700-input checkpoint loaded for 784-pixel images");
    } catch (const data::InputError& e) {
        CHECK(std::string(e.what()) ==
              (dir / "700.ckpt").string() +
                  ": network: expected 784 inputs like the images of the data, found 700 (the 700-10-10 network was "
                  "trained on other images)");
    }
}

TEST_CASE("[training] checkpoint loading refuses each kind of damaged file with its own message") {
    const auto dir = test::scratchDir("checkpoint-damaged");
    const training::Checkpoint good = sampleCheckpoint();
    training::saveCheckpoint(dir / "good.ckpt", good);
    const std::vector<std::uint8_t> bytes = readBytes(dir / "good.ckpt");
    const std::size_t size = bytes.size();
    const auto bad = dir / "bad.ckpt";
    const std::string name = bad.string();

    // What a refused load must not touch: a checkpoint already in memory and a trainer running from it.
    training::Checkpoint held = training::loadCheckpoint(dir / "good.ckpt");
    std::string expected;

    SECTION("missing file") {
        expected = name + ": file: expected a readable stepwise checkpoint, found no such file";
    }
    SECTION("empty file") {
        writeBytes(bad, {});
        expected = name + ": byte 0: expected a stepwise checkpoint, found an empty file";
    }
    SECTION("a folder") {
        std::filesystem::create_directory(bad);
        expected = name + ": file: expected a stepwise checkpoint, found a folder";
    }
    SECTION("a PNG image") {
        writeBytes(bad, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1,
                         0, 0, 0, 1, 8, 2, 0, 0, 0});
        expected = name + ": byte 0: expected the magic \"STEPWISECKPT\", found \"\\x89PNG\\x0D\\x0A\\x1A\\x0A\\x00\\x00\\x00\\x0D\""
                          " (not a stepwise checkpoint)";
    }
    SECTION("a text file") {
        std::ofstream(bad) << "W1 = [[0.1, 0.2], [0.3, 0.4]]\n";
        expected = name + ": byte 0: expected the magic \"STEPWISECKPT\", found \"W1 = [[0.1, \" (not a stepwise checkpoint)";
    }
    SECTION("a flipped byte in the magic") {
        auto flipped = bytes;
        flipped[3] ^= 0x20; // STEpWISE...
        writeBytes(bad, flipped);
        expected = name + ": byte 0: expected the magic \"STEPWISECKPT\", found \"STEpWISECKPT\" (not a stepwise checkpoint)";
    }
    SECTION("an unknown version") {
        auto newer = bytes;
        putU32(newer, 12, 3);
        writeBytes(bad, newer);
        expected = name + ": byte 12: expected checkpoint format version 1 or 2, found version 3 (this stepwise reads "
                          "versions 1 to 2)";
    }
    SECTION("truncated inside the magic") {
        writeBytes(bad, {bytes.begin(), bytes.begin() + 5});
        expected = name + ": byte 5: expected 28 bytes at least (header and checksum), found 5 (the file is truncated)";
    }
    SECTION("truncated inside the header") {
        writeBytes(bad, {bytes.begin(), bytes.begin() + 20});
        expected = name + ": byte 20: expected 28 bytes at least (header and checksum), found 20 (the file is truncated)";
    }
    for (const std::size_t cut : {std::size_t{24}, std::size_t{100}, size / 2, size - 5, size - 1}) {
        DYNAMIC_SECTION("truncated to " << cut << " bytes") {
            writeBytes(bad, {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut)});
            expected = name + ": byte " + std::to_string(cut) + ": expected " + std::to_string(size) +
                       " bytes as its header says, found " + std::to_string(cut) + " (the file is truncated)";
        }
    }
    SECTION("bytes after the checksum") {
        auto longer = bytes;
        longer.push_back(0);
        writeBytes(bad, longer);
        expected = name + ": byte " + std::to_string(size) + ": expected the end of the file after " +
                   std::to_string(size) + " bytes, found " + std::to_string(size + 1) + " bytes (the file is corrupted)";
    }
    SECTION("a payload length far beyond any network") {
        auto huge = bytes;
        putU64(huge, 16, ~std::uint64_t{0});
        writeBytes(bad, huge);
        expected = name + ": byte 16: expected a payload length of at most 1073741824 bytes, found " +
                   std::to_string(~std::uint64_t{0}) + " (the file is corrupted)";
    }
    SECTION("a flipped byte in the payload") {
        auto flipped = bytes;
        flipped[size / 2] ^= 0x01;
        writeBytes(bad, flipped);
        const std::uint32_t stored = flipped[size - 4] | std::uint32_t{flipped[size - 3]} << 8 |
                                     std::uint32_t{flipped[size - 2]} << 16 | std::uint32_t{flipped[size - 1]} << 24;
        expected = name + ": byte " + std::to_string(size - 4) + ": expected the CRC-32 " + hex32(stored) +
                   " stored in the file, found " + hex32(referenceCrc32(flipped.data(), size - 4)) +
                   " over its contents (the file is corrupted)";
    }
    SECTION("a flipped byte in the checksum") {
        auto flipped = bytes;
        flipped[size - 1] ^= 0x80;
        writeBytes(bad, flipped);
        expected = name + ": byte " + std::to_string(size - 4) + ": expected the CRC-32 " +
                   hex32(referenceCrc32(bytes.data(), size - 4) ^ 0x80000000u) + " stored in the file, found " +
                   hex32(referenceCrc32(bytes.data(), size - 4)) + " over its contents (the file is corrupted)";
    }
    // Payload offsets of sampleCheckpoint(): inputs 24, H 28, sizes 32 and 36, outputs 40, codes 44-47,
    // alpha 48, seed 52, iteration 60, position 68, dev accuracy 76, step 84, id length 92, id 96-106,
    // W1 rows 107, W1 cols 111.
    SECTION("parameter shapes that do not match the layer sizes (checksum intact)") {
        auto inconsistent = bytes;
        putU32(inconsistent, 111, 783);
        resealChecksum(inconsistent);
        writeBytes(bad, inconsistent);
        expected = name + ": byte 107: expected W1 of 16 x 784 for the 784-16-12-10 network, found 16 x 783 "
                          "(inconsistent contents)";
    }
    SECTION("a stepper position past the end of the iteration (checksum intact)") {
        auto inconsistent = bytes;
        putU64(inconsistent, 68, 1000);
        resealChecksum(inconsistent);
        writeBytes(bad, inconsistent);
        expected = name + ": byte 68: expected a stepper position 0-24 for the 784-16-12-10 network, found 1000 "
                          "(inconsistent contents)";
    }
    SECTION("an unknown activation (checksum intact)") {
        auto inconsistent = bytes;
        inconsistent[44] = 7;
        resealChecksum(inconsistent);
        writeBytes(bad, inconsistent);
        expected = name + ": byte 44: expected an activation code 0-3 (relu, sigmoid, tanh, none) (inconsistent contents)";
    }
    SECTION("a history longer than the file (checksum intact)") {
        auto inconsistent = bytes;
        const std::size_t historyAt = size - 4 - kGdOptimizerSection - 8 - 3 * 32;
        putU64(inconsistent, historyAt, std::uint64_t{1} << 40);
        resealChecksum(inconsistent);
        writeBytes(bad, inconsistent);
        expected = name + ": byte " + std::to_string(historyAt) +
                   ": expected a history that fits in the payload (4 points at most), found 1099511627776 points "
                   "(inconsistent contents)";
    }
    SECTION("a hidden layer count with no room for the layers (checksum intact)") {
        auto inconsistent = bytes;
        putU32(inconsistent, 28, 17);
        resealChecksum(inconsistent);
        writeBytes(bad, inconsistent);
        expected = name + ": byte 28: expected at most 16 hidden layers, found 17 (inconsistent contents)";
    }

    const std::string message = loadError(bad);
    CHECK(message == expected);
    CHECK(std::count(message.begin(), message.end(), '\n') == 0);
    checkSame(held, good); // the refused load left memory alone
    checkSame(training::loadCheckpoint(dir / "good.ckpt"), good);
}

TEST_CASE("[training] a failed checkpoint save names the file and leaves the old one intact") {
    const auto dir = test::scratchDir("checkpoint-failed-save");
    const training::Checkpoint good = sampleCheckpoint();
    training::saveCheckpoint(dir / "class.ckpt", good);
    training::Checkpoint next = good;
    next.iteration = 2000;

    const auto temporary = dir / ("class.ckpt.tmp-" + std::to_string(::getpid()));
    std::filesystem::create_directory(temporary); // the temporary file cannot be created
    try {
        training::saveCheckpoint(dir / "class.ckpt", next);
        FAIL("the save succeeded");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "cannot save checkpoint " + (dir / "class.ckpt").string() + ": cannot create " +
                                           temporary.string() + ": Is a directory");
    }
    checkSame(training::loadCheckpoint(dir / "class.ckpt"), good);
    std::filesystem::remove(temporary);

    try {
        training::saveCheckpoint(dir / "missing" / "class.ckpt", next);
        FAIL("the save into a missing folder succeeded");
    } catch (const std::runtime_error& e) {
        const auto file = dir / "missing" / "class.ckpt";
        CHECK(std::string(e.what()) == "cannot save checkpoint " + file.string() + ": cannot create " + file.string() +
                                           ".tmp-" + std::to_string(::getpid()) + ": No such file or directory");
    }

    training::Checkpoint mismatched = next;
    mismatched.parameters.W(2) = Eigen::MatrixXf::Zero(12, 15);
    try {
        training::saveCheckpoint(dir / "class.ckpt", mismatched);
        FAIL("a checkpoint whose parameters do not match its layers was saved");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "cannot save checkpoint " + (dir / "class.ckpt").string() +
                                           ": expected W2 of 12 x 16 and b2 of 12 for the 784-16-12-10 network, found "
                                           "12 x 15 and 12");
    }
    checkSame(training::loadCheckpoint(dir / "class.ckpt"), good);
    CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
}

namespace {

/// Version v of a large checkpoint (a 784-2048-10 network, about 6.4 MB). The parameters alternate
/// between two sets drawn once, so a save costs the disk rather than the random draws.
training::Checkpoint largeVersion(long v) {
    static const auto bases = [] {
        std::array<core::Parameters, 2> b;
        for (std::uint64_t seed : {0, 1}) {
            core::NetworkConfig c;
            c.hidden = {2048};
            c.seed = seed;
            b[seed] = core::initialParameters(c);
        }
        return b;
    }();
    training::Checkpoint k;
    k.config.hidden = {2048};
    k.config.seed = static_cast<std::uint64_t>(v % 2);
    k.parameters = bases[static_cast<std::size_t>(v % 2)];
    k.iteration = v;
    k.history.resize(static_cast<std::size_t>(v % 50));
    for (std::size_t i = 0; i < k.history.size(); ++i)
        k.history[i] = {static_cast<long>(i + 1), 1.0 / static_cast<double>(v + 1), 0.5, -1.0};
    k.lessonId = "lesson-" + std::to_string(v);
    return k;
}

} // namespace

TEST_CASE("[training] a checkpoint save killed at any moment leaves the old or the new file, never a broken one") {
    // No Trainer is alive here, so the forked child is a single-threaded copy of this process.
    const auto dir = test::scratchDir("checkpoint-kill");
    const auto file = dir / "class.ckpt";
    training::saveCheckpoint(file, largeVersion(0));
    std::mt19937 rng(2024);
    int interrupted = 0;
    for (int round = 1; round <= 8; ++round) {
        const long first = round * 1000L;
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            try {
                for (long v = first;; ++v) training::saveCheckpoint(file, largeVersion(v));
            } catch (...) {
                ::_exit(3);
            }
        }
        const auto leftover = dir / ("class.ckpt.tmp-" + std::to_string(child));
        if (round % 2 == 0) {
            // Any moment: making the data, writing, flushing, renaming, or between two saves.
            std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 150));
        } else {
            // Surely mid-save: once the temporary file exists, within a few milliseconds.
            const auto deadline = std::chrono::steady_clock::now() + 20s;
            while (!std::filesystem::exists(leftover) && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(100us);
            std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
        }
        REQUIRE(::kill(child, SIGKILL) == 0);
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        INFO("round " << round);
        REQUIRE(WIFSIGNALED(status)); // the child was still saving, not dead of an error

        const training::Checkpoint loaded = training::loadCheckpoint(file, 784);
        const long v = loaded.iteration;
        CHECK((v == 0 || v >= 1000));
        checkSame(loaded, largeVersion(v));
        if (std::filesystem::exists(leftover)) {
            ++interrupted; // killed between creating and renaming its temporary file
            // The next save into the folder clears what the killed one left.
            training::saveCheckpoint(file, loaded);
            CHECK_FALSE(std::filesystem::exists(leftover));
            checkSame(training::loadCheckpoint(file, 784), loaded);
        }
        CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
    }
    INFO(interrupted << " of 8 kills hit a save in progress");
    CHECK(interrupted >= 1);
}

TEST_CASE("[training] a later save removes what dead saves of the same file left, nothing else") {
    const auto dir = test::scratchDir("checkpoint-stale");
    const pid_t dead = [] { // a process that surely no longer runs: a child already waited for
        const pid_t child = ::fork();
        if (child == 0) ::_exit(0);
        ::waitpid(child, nullptr, 0);
        return child;
    }();
    const auto write = [](const std::filesystem::path& f) { std::ofstream(f) << "half a checkpoint"; };
    const auto deadTemp = dir / ("class.ckpt.tmp-" + std::to_string(dead));
    const auto liveTemp = dir / ("class.ckpt.tmp-" + std::to_string(::getppid())); // ctest or the shell: alive
    const auto otherTemp = dir / ("notes.txt.tmp-" + std::to_string(dead)); // not ours to remove
    write(deadTemp);
    write(liveTemp);
    write(otherTemp);
    training::saveCheckpoint(dir / "class.ckpt", sampleCheckpoint());
    CHECK_FALSE(std::filesystem::exists(deadTemp));
    CHECK(std::filesystem::exists(liveTemp));
    CHECK(std::filesystem::exists(otherTemp));
    CHECK(training::removeStaleTemporaries(dir / "class.ckpt") == 0);
}

TEST_CASE("[training] a save on a read-only or a full disk says why and leaves the old checkpoint as it was") {
    const auto dir = test::scratchDir("checkpoint-disk-faults");
    test::mountSmallDisk(dir, 256 * 1024);
    const auto file = dir / "class.ckpt";
    const training::Checkpoint good = sampleCheckpoint();
    training::saveCheckpoint(file, good);
    const auto temporary = file.string() + ".tmp-" + std::to_string(::getpid());
    const auto entries = [&] {
        return std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator());
    };

    // Read-only.
    test::setReadOnly(dir);
    training::Checkpoint next = good;
    next.iteration = 2000;
    try {
        training::saveCheckpoint(file, next);
        FAIL("the save onto a read-only disk succeeded");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "cannot save checkpoint " + file.string() + ": cannot create " + temporary +
                                           ": Read-only file system (the folder is not writable: save somewhere "
                                           "else, e.g. with --save FILE)");
    }
    checkSame(training::loadCheckpoint(file), good);
    CHECK(entries() == 1);

    // Full.
    test::setReadOnly(dir, false);
    try { // about 6.4 MB onto a 256 KiB disk
        training::saveCheckpoint(file, largeVersion(1));
        FAIL("the save onto a full disk succeeded");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "cannot save checkpoint " + file.string() + ": cannot write " + temporary +
                                           ": No space left on device (the disk is full: free some space, or "
                                           "save to another disk)");
    }
    checkSame(training::loadCheckpoint(file), good);
    CHECK(entries() == 1); // no temporary file left behind
}

TEST_CASE("[training] --load on a named pipe, a device or a symlink loop is refused at once") {
    const auto dir = test::scratchDir("checkpoint-odd-files");
    REQUIRE(::mkfifo((dir / "pipe.stepwise").c_str(), 0600) == 0);
    std::filesystem::create_symlink(dir / "b.stepwise", dir / "a.stepwise");
    std::filesystem::create_symlink(dir / "a.stepwise", dir / "b.stepwise");
    const auto refusal = [](const std::filesystem::path& file) -> std::string {
        ::alarm(20); // opening a pipe for reading would wait for a writer
        try {
            (void)training::loadCheckpoint(file);
        } catch (const data::InputError& e) {
            ::alarm(0);
            return e.what();
        }
        ::alarm(0);
        return "(accepted)";
    };
    CHECK(refusal(dir / "pipe.stepwise") ==
          (dir / "pipe.stepwise").string() + ": file: expected a stepwise checkpoint, found a named pipe (FIFO)");
    CHECK(refusal("/dev/zero") == "/dev/zero: file: expected a stepwise checkpoint, found a character device");
    CHECK(refusal(dir / "a.stepwise") ==
          (dir / "a.stepwise").string() + ": file: expected a readable stepwise checkpoint, found a loop of symbolic links");
}
