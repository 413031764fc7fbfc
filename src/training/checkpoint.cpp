// Checkpoint files (format in checkpoint.hpp): encoding, atomic saving, and a loader that checks
// the header, length and CRC-32 before it parses, and every count before it allocates.
// Sections: snapshot to checkpoint, encoding, saving, decoding, loading.
#include "training/checkpoint.hpp"

#include "core/stepper.hpp"
#include "data/input_error.hpp"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace stepwise::training {
namespace {

static_assert(std::endian::native == std::endian::little,
              "checkpoint parameters are copied as little-endian floats as they lie in memory");

constexpr std::string_view kMagic = "STEPWISECKPT";
constexpr std::size_t kHeaderSize = 24;   // magic, version, payload length
constexpr std::size_t kChecksumSize = 4;  // CRC-32 after the payload
constexpr std::uint32_t kMaxHiddenLayers = 16;
constexpr std::uint32_t kMaxLayerSize = 65536;
constexpr std::uint32_t kMaxLessonIdLength = 256;
constexpr std::size_t kHistoryPointSize = 32;
constexpr int kMaxBatch = 1'000'000;

std::uint32_t crc32Of(const std::uint8_t* bytes, std::size_t count) {
    return static_cast<std::uint32_t>(::crc32_z(::crc32_z(0L, Z_NULL, 0), bytes, count));
}

std::string sizesText(const core::NetworkConfig& c) {
    std::string text = std::to_string(c.inputs);
    for (const int h : c.hidden) text += "-" + std::to_string(h);
    return text + "-" + std::to_string(c.outputs);
}

/// The reason \p c cannot describe a network, or "" when it can.
std::string configProblem(const core::NetworkConfig& c) {
    const auto bad = [](int n) { return n < 1 || static_cast<std::uint32_t>(n) > kMaxLayerSize; };
    if (bad(c.inputs) || bad(c.outputs)) return "layer sizes 1-65536, found " + sizesText(c);
    if (c.hidden.size() > kMaxHiddenLayers) return "at most 16 hidden layers, found " + std::to_string(c.hidden.size());
    for (const int h : c.hidden)
        if (bad(h)) return "layer sizes 1-65536, found " + sizesText(c);
    if (!std::isfinite(c.alpha) || c.alpha <= 0.0f) return "a positive finite alpha, found " + std::to_string(c.alpha);
    for (const float beta : {c.beta, c.beta1, c.beta2})
        if (!(beta >= 0.0f && beta < 1.0f)) return "every beta at least 0 and below 1, found " + std::to_string(beta);
    if (!(std::isfinite(c.epsilon) && c.epsilon > 0.0f)) return "a positive epsilon, found " + std::to_string(c.epsilon);
    if (c.batch < 0 || c.batch > kMaxBatch) return "a batch size 0-1000000, found " + std::to_string(c.batch);
    return {};
}

/// The reason \p k is not self-consistent, or "" when it is.
std::string consistencyProblem(const Checkpoint& k) {
    if (std::string why = configProblem(k.config); !why.empty()) return why;
    const int L = k.config.layers();
    if (k.parameters.layers() != L || static_cast<int>(k.parameters.biases.size()) != L)
        return std::to_string(L) + " weight layers for the " + sizesText(k.config) + " network, found " +
               std::to_string(k.parameters.layers());
    for (int l = 1; l <= L; ++l) {
        const auto& W = k.parameters.W(l);
        const auto& b = k.parameters.b(l);
        if (W.rows() != k.config.layerSize(l) || W.cols() != k.config.layerSize(l - 1) || b.size() != W.rows())
            return "W" + std::to_string(l) + " of " + std::to_string(k.config.layerSize(l)) + " x " +
                   std::to_string(k.config.layerSize(l - 1)) + " and b" + std::to_string(l) + " of " +
                   std::to_string(k.config.layerSize(l)) + " for the " + sizesText(k.config) + " network, found " +
                   std::to_string(W.rows()) + " x " + std::to_string(W.cols()) + " and " + std::to_string(b.size());
    }
    const std::size_t n = core::iterationEquations(k.config).size();
    if (k.position > n)
        return "a stepper position 0-" + std::to_string(n) + ", found " + std::to_string(k.position);
    if (k.iteration < 0) return "a completed iteration count >= 0, found " + std::to_string(k.iteration);
    if (!core::matchesOptimizer(k.optimizerState, k.config))
        return "the " + std::string(core::toString(k.config.optimizer)) +
               " optimiser's state of the network's shapes and a step count >= 0";
    return {};
}

std::uint8_t optimizerCode(core::Optimizer o) {
    switch (o) {
    case core::Optimizer::GradientDescent: return 0;
    case core::Optimizer::SGD: return 1;
    case core::Optimizer::Momentum: return 2;
    case core::Optimizer::Adam: return 3;
    }
    return 0xff;
}

std::uint8_t activationCode(core::Activation a) {
    switch (a) {
    case core::Activation::ReLU: return 0;
    case core::Activation::Sigmoid: return 1;
    case core::Activation::Tanh: return 2;
    case core::Activation::None: return 3;
    }
    return 0xff;
}

std::uint8_t initCode(core::Init i) {
    switch (i) {
    case core::Init::UniformCentered: return 0;
    case core::Init::UniformPositive: return 1;
    case core::Init::He: return 2;
    }
    return 0xff;
}

} // namespace

// ---------------------------------------------------------------- snapshot to checkpoint

long Checkpoint::completedIterations() const {
    return iteration + (position > 0 && position == core::iterationEquations(config).size() ? 1 : 0);
}

Checkpoint checkpointFrom(const TrainingSnapshot& snapshot, std::string lessonId, std::size_t stepIndex) {
    Checkpoint k;
    k.config = snapshot.config;
    k.iteration = snapshot.iteration;
    k.position = snapshot.position;
    k.parameters = snapshot.parameters;
    k.history = snapshot.history;
    k.devAccuracy = snapshot.devAccuracy;
    // The optimiser's state before the current iteration: vW1, mW1, … are always whole.
    k.optimizerState = core::initialOptimizerState(snapshot.config);
    k.optimizerState.t = snapshot.optimizerStepsBefore;
    for (int l = 1; l <= snapshot.config.layers(); ++l) {
        const std::string n = std::to_string(l);
        for (auto [prefix, state] : {std::pair{"m", &k.optimizerState.m}, std::pair{"v", &k.optimizerState.v}}) {
            if (state->layers() == 0) continue;
            const Eigen::MatrixXf* W = snapshot.tensor(prefix + ("W" + n));
            const Eigen::MatrixXf* b = snapshot.tensor(prefix + ("b" + n));
            if (W && W->rows() == state->W(l).rows() && W->cols() == state->W(l).cols()) state->W(l) = *W;
            if (b && b->rows() == state->b(l).rows() && b->cols() == 1) state->b(l) = b->col(0);
        }
    }
    k.lessonId = std::move(lessonId);
    k.stepIndex = stepIndex;
    const std::size_t n = snapshot.equationIds.size();
    if (n > 0 && snapshot.position == n) {
        // The update has run: keep the parameters it started from, so restoring replays it.
        core::Parameters before;
        bool whole = true;
        for (int l = 1; l <= snapshot.config.layers() && whole; ++l) {
            const Eigen::MatrixXf* W = snapshot.tensor("W" + std::to_string(l));
            const Eigen::MatrixXf* b = snapshot.tensor("b" + std::to_string(l));
            whole = W && b && b->cols() == 1;
            if (whole) {
                before.weights.push_back(*W);
                before.biases.push_back(b->col(0));
            }
        }
        if (whole) {
            k.parameters = std::move(before);
            k.iteration = snapshot.iteration - 1;
        } else {
            k.position = 0; // the same network, at the start of the next iteration
        }
    }
    return k;
}

// ---------------------------------------------------------------- encoding

namespace {

/// Appends little-endian values to a byte vector.
class Encoder {
public:
    std::vector<std::uint8_t> bytes;

    void u8(std::uint8_t v) { bytes.push_back(v); }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void f32(float v) { u32(std::bit_cast<std::uint32_t>(v)); }
    void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
    void raw(const void* data, std::size_t count) {
        const auto* p = static_cast<const std::uint8_t*>(data);
        bytes.insert(bytes.end(), p, p + count);
    }
    void floats(const float* data, Eigen::Index count) { raw(data, static_cast<std::size_t>(count) * sizeof(float)); }
};

/// The whole file: header, payload, CRC-32.
std::vector<std::uint8_t> encode(const Checkpoint& k) {
    Encoder e;
    std::size_t floats = 0;
    for (int l = 1; l <= k.parameters.layers(); ++l)
        floats += static_cast<std::size_t>(k.parameters.W(l).size() + k.parameters.b(l).size());
    e.bytes.reserve(kHeaderSize + 128 + 4 * k.config.hidden.size() + k.lessonId.size() + 12 * 16 +
                    floats * sizeof(float) + k.history.size() * kHistoryPointSize + kChecksumSize);
    e.raw(kMagic.data(), kMagic.size());
    e.u32(checkpointVersion);
    e.u64(0); // payload length, filled in below
    const core::NetworkConfig& c = k.config;
    e.u32(static_cast<std::uint32_t>(c.inputs));
    e.u32(static_cast<std::uint32_t>(c.hidden.size()));
    for (const int h : c.hidden) e.u32(static_cast<std::uint32_t>(h));
    e.u32(static_cast<std::uint32_t>(c.outputs));
    e.u8(activationCode(c.activation));
    e.u8(initCode(c.init));
    e.u8(c.paperFaithful ? 1 : 0);
    e.u8(0);
    e.f32(c.alpha);
    e.u64(c.seed);
    e.i64(k.iteration);
    e.u64(k.position);
    e.f64(k.devAccuracy);
    e.u64(k.stepIndex);
    e.u32(static_cast<std::uint32_t>(k.lessonId.size()));
    e.raw(k.lessonId.data(), k.lessonId.size());
    for (int l = 1; l <= k.parameters.layers(); ++l) {
        const Eigen::MatrixXf& W = k.parameters.W(l);
        const Eigen::VectorXf& b = k.parameters.b(l);
        e.u32(static_cast<std::uint32_t>(W.rows()));
        e.u32(static_cast<std::uint32_t>(W.cols()));
        e.floats(W.data(), W.size());
        e.u32(static_cast<std::uint32_t>(b.size()));
        e.floats(b.data(), b.size());
    }
    e.u64(k.history.size());
    for (const HistoryPoint& p : k.history) {
        e.i64(p.iteration);
        e.f64(p.loss);
        e.f64(p.trainAccuracy);
        e.f64(p.devAccuracy);
    }
    e.u8(optimizerCode(c.optimizer));
    e.u8(0);
    e.u8(0);
    e.u8(0);
    e.u32(static_cast<std::uint32_t>(c.batch));
    e.f32(c.beta);
    e.f32(c.beta1);
    e.f32(c.beta2);
    e.f32(c.epsilon);
    e.i64(k.optimizerState.t);
    for (const core::Parameters* state : {&k.optimizerState.m, &k.optimizerState.v})
        for (int l = 1; l <= state->layers(); ++l) {
            e.u32(static_cast<std::uint32_t>(state->W(l).rows()));
            e.u32(static_cast<std::uint32_t>(state->W(l).cols()));
            e.floats(state->W(l).data(), state->W(l).size());
            e.u32(static_cast<std::uint32_t>(state->b(l).size()));
            e.floats(state->b(l).data(), state->b(l).size());
        }
    const std::uint64_t payload = e.bytes.size() - kHeaderSize;
    for (int i = 0; i < 8; ++i) e.bytes[16 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(payload >> (8 * i));
    e.u32(crc32Of(e.bytes.data(), e.bytes.size()));
    return e.bytes;
}

// ---------------------------------------------------------------- saving

/// A file descriptor closed on scope exit.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    [[nodiscard]] int get() const { return m_fd; }
    /// Closes now and reports whether close succeeded (it can report a delayed write error).
    bool close() {
        const int fd = m_fd;
        m_fd = -1;
        return ::close(fd) == 0;
    }

private:
    int m_fd;
};

[[noreturn]] void failSave(const std::filesystem::path& file, const std::string& what, int error) {
    std::string hint; // what to do about the faults a user can fix
    if (error == ENOSPC || error == EDQUOT) hint = " (the disk is full: free some space, or save to another disk)";
    else if (error == EROFS || error == EACCES || error == EPERM)
        hint = " (the folder is not writable: save somewhere else, e.g. with --save FILE)";
    throw std::runtime_error("cannot save checkpoint " + file.string() + ": " + what + ": " + std::strerror(error) +
                             hint);
}

/// The PID of a temporary name "\p base.tmp-PID", if \p name is one.
std::optional<pid_t> temporaryOwner(std::string_view name, std::string_view base) {
    const std::string prefix = std::string(base) + ".tmp-";
    if (!name.starts_with(prefix)) return std::nullopt;
    const std::string_view digits = name.substr(prefix.size());
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    return static_cast<pid_t>(std::stol(std::string(digits)));
}

} // namespace

void saveCheckpoint(const std::filesystem::path& file, const Checkpoint& checkpoint) {
    if (const std::string why = consistencyProblem(checkpoint); !why.empty())
        throw std::runtime_error("cannot save checkpoint " + file.string() + ": expected " + why);
    if (checkpoint.lessonId.size() > kMaxLessonIdLength)
        throw std::runtime_error("cannot save checkpoint " + file.string() + ": the lesson id is longer than 256 bytes");
    const std::vector<std::uint8_t> bytes = encode(checkpoint);
    if (bytes.size() - kHeaderSize - kChecksumSize > checkpointMaxPayload)
        throw std::runtime_error("cannot save checkpoint " + file.string() + ": the network is larger than 1 GiB");

    const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    removeStaleTemporaries(file); // what saves of this file killed mid-way left
    const std::filesystem::path temporary = file.string() + ".tmp-" + std::to_string(::getpid());
    const auto removeTemporary = [&] { ::unlink(temporary.c_str()); };
    {
        FileDescriptor out(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (out.get() < 0) failSave(file, "cannot create " + temporary.string(), errno);
        std::size_t written = 0;
        while (written < bytes.size()) {
            const ssize_t n = ::write(out.get(), bytes.data() + written, bytes.size() - written);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                const int error = n < 0 ? errno : EIO;
                removeTemporary();
                failSave(file, "cannot write " + temporary.string(), error);
            }
            written += static_cast<std::size_t>(n);
        }
        if (::fsync(out.get()) != 0 || !out.close()) {
            const int error = errno;
            removeTemporary();
            failSave(file, "cannot flush " + temporary.string() + " to disk", error);
        }
    }
    if (::rename(temporary.c_str(), file.c_str()) != 0) {
        const int error = errno;
        removeTemporary();
        failSave(file, "cannot rename " + temporary.string() + " over it", error);
    }
    // The rename itself must reach the disk, or a power cut could bring back the old name.
    FileDescriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0) failSave(file, "written, but its folder cannot be opened to flush the rename", errno);
    if (::fsync(dir.get()) != 0 && errno != EINVAL)
        failSave(file, "written, but its folder cannot be flushed to disk", errno);
}

std::size_t removeStaleTemporaries(const std::filesystem::path& file) {
    std::error_code ec;
    std::vector<std::filesystem::path> stale;
    const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    const std::string base = file.filename().string();
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const auto owner = temporaryOwner(entry.path().filename().string(), base);
        if (!owner || *owner == ::getpid() || !entry.is_regular_file(ec)) continue;
        if (::kill(*owner, 0) != 0 && errno == ESRCH) stale.push_back(entry.path()); // EPERM: alive
    }
    std::size_t removed = 0;
    for (const auto& path : stale) removed += std::filesystem::remove(path, ec) ? 1 : 0;
    return removed;
}

// ---------------------------------------------------------------- decoding

namespace {

/// Reads little-endian values from a payload whose length and CRC have been checked; every read
/// checks the bytes left, so a self-contradicting payload is refused, never over-read.
class Decoder {
public:
    Decoder(std::string name, const std::uint8_t* data, std::size_t size)
        : m_name(std::move(name)), m_data(data), m_size(size) {}

    /// File offset of the next byte, for messages.
    [[nodiscard]] std::size_t offset() const { return kHeaderSize + m_at; }
    [[nodiscard]] std::size_t left() const { return m_size - m_at; }
    [[nodiscard]] const std::string& name() const { return m_name; }

    /// Throws the "inconsistent contents" error for the value that starts at \p at.
    [[noreturn]] void fail(std::size_t at, const std::string& expected) const {
        throw data::InputError(m_name, "byte " + std::to_string(at), expected + " (inconsistent contents)");
    }

    const std::uint8_t* take(std::size_t count, const std::string& what) {
        if (count > left())
            fail(offset(), what + " (" + std::to_string(count) + " bytes), found only " + std::to_string(left()) +
                               " bytes left in the payload");
        const std::uint8_t* p = m_data + m_at;
        m_at += count;
        return p;
    }
    std::uint8_t u8(const std::string& what) { return *take(1, what); }
    std::uint32_t u32(const std::string& what) {
        const std::uint8_t* p = take(4, what);
        return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
    }
    std::uint64_t u64(const std::string& what) {
        const std::uint8_t* p = take(8, what);
        std::uint64_t v = 0;
        for (int i = 7; i >= 0; --i) v = v << 8 | p[i];
        return v;
    }
    std::int64_t i64(const std::string& what) { return static_cast<std::int64_t>(u64(what)); }
    float f32(const std::string& what) { return std::bit_cast<float>(u32(what)); }
    double f64(const std::string& what) { return std::bit_cast<double>(u64(what)); }
    /// Throws unless \p count floats remain; call before allocating room for them.
    void needFloats(std::uint64_t count, const std::string& what) const {
        if (count > left() / sizeof(float))
            fail(offset(), what + " (" + std::to_string(count) + " floats), found only " + std::to_string(left()) +
                               " bytes left in the payload");
    }
    /// \p count floats into \p out, which has room for them.
    void floats(float* out, std::uint64_t count, const std::string& what) {
        needFloats(count, what);
        const std::size_t bytes = static_cast<std::size_t>(count) * sizeof(float);
        if (bytes > 0) std::memcpy(out, take(bytes, what), bytes);
    }

private:
    std::string m_name;
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
};

/// A layer size: 1…65,536.
int layerSize(Decoder& d, const std::string& what) {
    const std::size_t at = d.offset();
    const std::uint32_t n = d.u32(what);
    if (n < 1 || n > kMaxLayerSize) d.fail(at, what + " 1-65536, found " + std::to_string(n));
    return static_cast<int>(n);
}

/// Wˡ and bˡ of every layer, laid out as checkpoint.hpp says; \p prefix names them ("m": mW1, mb1, …).
core::Parameters readParameters(Decoder& d, const core::NetworkConfig& c, const std::string& prefix) {
    core::Parameters parameters;
    std::size_t at = 0;
    for (int l = 1; l <= c.layers(); ++l) {
        const std::string W = prefix + "W" + std::to_string(l), b = prefix + "b" + std::to_string(l);
        const int rows = c.layerSize(l), cols = c.layerSize(l - 1);
        at = d.offset();
        const std::uint32_t fileRows = d.u32("the rows of " + W);
        const std::uint32_t fileCols = d.u32("the columns of " + W);
        if (fileRows != static_cast<std::uint32_t>(rows) || fileCols != static_cast<std::uint32_t>(cols))
            d.fail(at, W + " of " + std::to_string(rows) + " x " + std::to_string(cols) + " for the " + sizesText(c) +
                           " network, found " + std::to_string(fileRows) + " x " + std::to_string(fileCols));
        // Sizes are at most 65,536 each, so the product fits; floats() checks it against the bytes left.
        const std::uint64_t count = std::uint64_t{fileRows} * fileCols;
        d.needFloats(count, W);
        Eigen::MatrixXf weights(rows, cols);
        d.floats(weights.data(), count, W);
        at = d.offset();
        const std::uint32_t biasRows = d.u32("the rows of " + b);
        if (biasRows != static_cast<std::uint32_t>(rows))
            d.fail(at, b + " of " + std::to_string(rows) + " x 1 for the " + sizesText(c) + " network, found " +
                           std::to_string(biasRows) + " x 1");
        d.needFloats(biasRows, b);
        Eigen::VectorXf biases(rows);
        d.floats(biases.data(), biasRows, b);
        parameters.weights.push_back(std::move(weights));
        parameters.biases.push_back(std::move(biases));
    }
    return parameters;
}


Checkpoint decodePayload(Decoder& d, std::uint32_t version) {
    Checkpoint k;
    core::NetworkConfig& c = k.config;
    c.inputs = layerSize(d, "the input size");
    std::size_t at = d.offset();
    const std::uint32_t hidden = d.u32("the number of hidden layers");
    if (hidden > kMaxHiddenLayers) d.fail(at, "at most 16 hidden layers, found " + std::to_string(hidden));
    c.hidden.clear();
    for (std::uint32_t i = 0; i < hidden; ++i) c.hidden.push_back(layerSize(d, "hidden layer size " + std::to_string(i + 1)));
    c.outputs = layerSize(d, "the output size");
    at = d.offset();
    switch (d.u8("the activation")) {
    case 0: c.activation = core::Activation::ReLU; break;
    case 1: c.activation = core::Activation::Sigmoid; break;
    case 2: c.activation = core::Activation::Tanh; break;
    case 3: c.activation = core::Activation::None; break;
    default: d.fail(at, "an activation code 0-3 (relu, sigmoid, tanh, none)");
    }
    at = d.offset();
    switch (d.u8("the initialisation")) {
    case 0: c.init = core::Init::UniformCentered; break;
    case 1: c.init = core::Init::UniformPositive; break;
    case 2: c.init = core::Init::He; break;
    default: d.fail(at, "an initialisation code 0-2 (uniform, positive, he)");
    }
    at = d.offset();
    const std::uint8_t faithful = d.u8("the paper-faithful flag");
    if (faithful > 1) d.fail(at, "a paper-faithful flag 0 or 1, found " + std::to_string(faithful));
    c.paperFaithful = faithful == 1;
    at = d.offset();
    if (d.u8("a reserved byte") != 0) d.fail(at, "a reserved byte 0");
    at = d.offset();
    c.alpha = d.f32("alpha");
    if (!std::isfinite(c.alpha) || c.alpha <= 0.0f) d.fail(at, "a positive finite alpha, found " + std::to_string(c.alpha));
    c.seed = d.u64("the seed");

    at = d.offset();
    k.iteration = static_cast<long>(d.i64("the iteration"));
    if (k.iteration < 0) d.fail(at, "a completed iteration count >= 0, found " + std::to_string(k.iteration));
    at = d.offset();
    const std::uint64_t position = d.u64("the stepper position");
    // The number of equations depends on the optimiser, which version 2 stores at the end.
    const auto checkPosition = [&d, &c, &k, position, positionAt = at] {
        const std::size_t equations = core::iterationEquations(c).size();
        if (position > equations)
            d.fail(positionAt, "a stepper position 0-" + std::to_string(equations) + " for the " + sizesText(c) +
                                   " network, found " + std::to_string(position));
        k.position = static_cast<std::size_t>(position);
    };
    k.devAccuracy = d.f64("the dev accuracy");
    at = d.offset();
    const std::uint64_t step = d.u64("the step index");
    if (step > 1'000'000) d.fail(at, "a step index 0-1000000, found " + std::to_string(step));
    k.stepIndex = static_cast<std::size_t>(step);
    at = d.offset();
    const std::uint32_t idLength = d.u32("the lesson id length");
    if (idLength > kMaxLessonIdLength) d.fail(at, "a lesson id of at most 256 bytes, found " + std::to_string(idLength));
    const std::uint8_t* id = d.take(idLength, "the lesson id");
    k.lessonId.assign(reinterpret_cast<const char*>(id), idLength);

    k.parameters = readParameters(d, c, "");

    at = d.offset();
    const std::uint64_t points = d.u64("the history length");
    if (points > d.left() / kHistoryPointSize)
        d.fail(at, "a history that fits in the payload (" + std::to_string(d.left() / kHistoryPointSize) +
                       " points at most), found " + std::to_string(points) + " points");
    k.history.resize(static_cast<std::size_t>(points));
    for (HistoryPoint& p : k.history) {
        p.iteration = static_cast<long>(d.i64("a history iteration"));
        p.loss = d.f64("a history loss");
        p.trainAccuracy = d.f64("a history train accuracy");
        p.devAccuracy = d.f64("a history dev accuracy");
    }
    if (version == 1) { // before optimisers: full-batch gradient descent, one step per iteration
        checkPosition();
        k.optimizerState.t = k.iteration;
        if (d.left() != 0)
            d.fail(d.offset(), "the end of the payload after the history, found " + std::to_string(d.left()) + " more bytes");
        return k;
    }
    at = d.offset();
    switch (d.u8("the optimiser")) {
    case 0: c.optimizer = core::Optimizer::GradientDescent; break;
    case 1: c.optimizer = core::Optimizer::SGD; break;
    case 2: c.optimizer = core::Optimizer::Momentum; break;
    case 3: c.optimizer = core::Optimizer::Adam; break;
    default: d.fail(at, "an optimiser code 0-3 (gd, sgd, momentum, adam)");
    }
    for (int i = 0; i < 3; ++i) {
        at = d.offset();
        if (d.u8("a reserved byte") != 0) d.fail(at, "a reserved byte 0");
    }
    at = d.offset();
    const std::uint32_t batch = d.u32("the batch size");
    if (batch > static_cast<std::uint32_t>(kMaxBatch)) d.fail(at, "a batch size 0-1000000, found " + std::to_string(batch));
    c.batch = static_cast<int>(batch);
    for (auto [beta, what] : {std::pair{&c.beta, "beta"}, std::pair{&c.beta1, "beta1"}, std::pair{&c.beta2, "beta2"}}) {
        at = d.offset();
        *beta = d.f32(what);
        if (!(*beta >= 0.0f && *beta < 1.0f))
            d.fail(at, std::string("a ") + what + " at least 0 and below 1, found " + std::to_string(*beta));
    }
    at = d.offset();
    c.epsilon = d.f32("epsilon");
    if (!(std::isfinite(c.epsilon) && c.epsilon > 0.0f)) d.fail(at, "a positive epsilon, found " + std::to_string(c.epsilon));
    at = d.offset();
    k.optimizerState = core::initialOptimizerState(c);
    k.optimizerState.t = static_cast<long>(d.i64("the optimiser's step count"));
    if (k.optimizerState.t < 0) d.fail(at, "a step count >= 0, found " + std::to_string(k.optimizerState.t));
    checkPosition();
    if (k.optimizerState.m.layers() > 0) k.optimizerState.m = readParameters(d, c, "m");
    if (k.optimizerState.v.layers() > 0) k.optimizerState.v = readParameters(d, c, "v");
    if (d.left() != 0)
        d.fail(d.offset(), "the end of the payload after the optimiser's state, found " + std::to_string(d.left()) +
                               " more bytes");
    return k;
}

std::string hex32(std::uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", v);
    return text;
}

} // namespace

// ---------------------------------------------------------------- loading

void checkCompatible(const Checkpoint& checkpoint, Eigen::Index inputs, const std::filesystem::path& file) {
    if (const std::string why = consistencyProblem(checkpoint); !why.empty())
        throw data::InputError(file.string(), "network", why);
    if (checkpoint.config.inputs != inputs)
        throw data::InputError(file.string(), "network",
                               std::to_string(inputs) + " inputs like the images of the data, found " +
                                   std::to_string(checkpoint.config.inputs) + " (the " + sizesText(checkpoint.config) +
                                   " network was trained on other images)");
}

Checkpoint loadCheckpoint(const std::filesystem::path& file, std::optional<Eigen::Index> expectedInputs) {
    const std::string name = file.string();
    // O_NONBLOCK: a named pipe must not hang the open; it is refused below by its type.
    FileDescriptor in(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (in.get() < 0)
        throw data::InputError(name, "file", std::string("a readable stepwise checkpoint, found ") +
                                                 (errno == ENOENT  ? "no such file"
                                                  : errno == ELOOP ? "a loop of symbolic links"
                                                                   : std::strerror(errno)));
    struct stat info {};
    if (::fstat(in.get(), &info) != 0)
        throw data::InputError(name, "file", std::string("a readable stepwise checkpoint, found ") + std::strerror(errno));
    if (S_ISDIR(info.st_mode)) throw data::InputError(name, "file", "a stepwise checkpoint, found a folder");
    if (!S_ISREG(info.st_mode))
        throw data::InputError(name, "file",
                               std::string("a stepwise checkpoint, found ") +
                                   (S_ISFIFO(info.st_mode)  ? "a named pipe (FIFO)"
                                    : S_ISCHR(info.st_mode) ? "a character device"
                                    : S_ISBLK(info.st_mode) ? "a block device"
                                                            : "a special file"));
    const auto size = static_cast<std::uint64_t>(info.st_size);

    // Reads exactly count bytes at offset; false when the file ends (or shrank) first.
    const auto readAt = [&](std::uint8_t* out, std::size_t count, std::uint64_t offset) {
        std::size_t done = 0;
        while (done < count) {
            const ssize_t n = ::pread(in.get(), out + done, count - done, static_cast<off_t>(offset + done));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0)
                throw data::InputError(name, "byte " + std::to_string(offset + done),
                                       std::string("readable data, found a read error: ") + std::strerror(errno));
            if (n == 0) return false;
            done += static_cast<std::size_t>(n);
        }
        return true;
    };

    if (size == 0) throw data::InputError(name, "byte 0", "a stepwise checkpoint, found an empty file");
    std::uint8_t header[kHeaderSize] = {};
    const std::size_t headerBytes = static_cast<std::size_t>(std::min<std::uint64_t>(size, kHeaderSize));
    if (!readAt(header, headerBytes, 0))
        throw data::InputError(name, "byte 0", "a stepwise checkpoint, found a file that shrank while being read");
    const std::size_t magicBytes = std::min(headerBytes, kMagic.size());
    const std::string_view magic(reinterpret_cast<const char*>(header), magicBytes);
    const auto truncated = [&](std::uint64_t expected, const char* why) {
        return data::InputError(name, "byte " + std::to_string(size),
                                std::to_string(expected) + " bytes" + why + ", found " + std::to_string(size) +
                                    " (the file is truncated)");
    };
    if (magic != kMagic.substr(0, magicBytes))
        throw data::InputError(name, "byte 0",
                               "the magic \"STEPWISECKPT\", found " + data::quoteFound(magic) +
                                   " (not a stepwise checkpoint)");
    if (headerBytes < kHeaderSize) throw truncated(kHeaderSize + kChecksumSize, " at least (header and checksum)");

    const std::uint32_t version = std::uint32_t{header[12]} | std::uint32_t{header[13]} << 8 |
                                  std::uint32_t{header[14]} << 16 | std::uint32_t{header[15]} << 24;
    if (version != checkpointVersion && version != 1)
        throw data::InputError(name, "byte 12",
                               "checkpoint format version 1 or " + std::to_string(checkpointVersion) + ", found version " +
                                   std::to_string(version) + " (this stepwise reads versions 1 to " +
                                   std::to_string(checkpointVersion) + ")");
    std::uint64_t payload = 0;
    for (int i = 7; i >= 0; --i) payload = payload << 8 | header[16 + i];
    if (payload > checkpointMaxPayload)
        throw data::InputError(name, "byte 16",
                               "a payload length of at most " + std::to_string(checkpointMaxPayload) + " bytes, found " +
                                   std::to_string(payload) + " (the file is corrupted)");
    const std::uint64_t expected = kHeaderSize + payload + kChecksumSize;
    if (size < expected) throw truncated(expected, " as its header says");
    if (size > expected)
        throw data::InputError(name, "byte " + std::to_string(expected),
                               "the end of the file after " + std::to_string(expected) + " bytes, found " +
                                   std::to_string(size) + " bytes (the file is corrupted)");

    // Sized by the file's real length, checked above against the header.
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(expected));
    std::memcpy(bytes.data(), header, kHeaderSize);
    if (!readAt(bytes.data() + kHeaderSize, bytes.size() - kHeaderSize, kHeaderSize))
        throw truncated(expected, " as its header says");
    const std::size_t crcAt = kHeaderSize + static_cast<std::size_t>(payload);
    const std::uint32_t stored = std::uint32_t{bytes[crcAt]} | std::uint32_t{bytes[crcAt + 1]} << 8 |
                                 std::uint32_t{bytes[crcAt + 2]} << 16 | std::uint32_t{bytes[crcAt + 3]} << 24;
    const std::uint32_t computed = crc32Of(bytes.data(), crcAt);
    if (stored != computed)
        throw data::InputError(name, "byte " + std::to_string(crcAt),
                               "the CRC-32 " + hex32(stored) + " stored in the file, found " + hex32(computed) +
                                   " over its contents (the file is corrupted)");

    Decoder decoder(name, bytes.data() + kHeaderSize, static_cast<std::size_t>(payload));
    Checkpoint checkpoint = decodePayload(decoder, version);
    if (expectedInputs) checkCompatible(checkpoint, *expectedInputs, file);
    return checkpoint;
}

} // namespace stepwise::training
