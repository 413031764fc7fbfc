// The tar reader `stepwise data fetch` uses: members come out whole and in order, raw or gzip;
// a bad checksum, a non-octal size or a cut-off member is one InputError naming the byte.
#include "data/input_error.hpp"
#include "data/tar_archive.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <map>

using namespace stepwise;

namespace {

/// One ustar header block for a regular file \p name of \p size bytes.
std::string header(const std::string& name, std::size_t size, char type = '0') {
    std::string block(512, '\0');
    block.replace(0, name.size(), name);
    char field[16];
    std::snprintf(field, sizeof field, "%011zo", size);
    block.replace(124, 11, field);
    block.replace(100, 7, "0000644");
    block[156] = type;
    block.replace(257, 6, std::string("ustar\0", 6));
    block.replace(148, 8, "        ");
    unsigned sum = 0;
    for (unsigned char c : block) sum += c;
    std::snprintf(field, sizeof field, "%06o", sum);
    block.replace(148, 7, std::string(field, 6) + '\0');
    return block;
}

std::string tarOf(const std::vector<std::pair<std::string, std::string>>& files) {
    std::string tar;
    for (const auto& [name, body] : files) {
        tar += header(name, body.size());
        tar += body;
        tar += std::string((512 - body.size() % 512) % 512, '\0');
    }
    return tar + std::string(1024, '\0');
}

std::map<std::string, std::string> readAll(const std::filesystem::path& file) {
    std::map<std::string, std::string> out;
    data::readTarArchive(file, [&](const data::TarMember& m) -> data::TarChunkSink {
        std::string* body = &out[m.name];
        return [body](std::span<const std::uint8_t> bytes) { body->append(bytes.begin(), bytes.end()); };
    });
    return out;
}

} // namespace

TEST_CASE("[data] a tar archive's members come out whole, raw or gzip-compressed") {
    const auto dir = test::scratchDir("tar-good");
    const std::string big(70000, 'z'); // more than one 64 KiB chunk
    const std::string tar = tarOf({{"package/a.txt", "hello"}, {"package/data/big", big}, {"package/empty", ""}});
    std::ofstream(dir / "a.tar", std::ios::binary) << tar;
    gzFile gz = gzopen((dir / "a.tgz").c_str(), "wb");
    gzwrite(gz, tar.data(), static_cast<unsigned>(tar.size()));
    gzclose(gz);
    for (const char* name : {"a.tar", "a.tgz"}) {
        const auto files = readAll(dir / name);
        REQUIRE(files.size() == 3);
        CHECK(files.at("package/a.txt") == "hello");
        CHECK(files.at("package/data/big") == big);
        CHECK(files.at("package/empty").empty());
    }
    // A member nobody asks for is skipped and the next one is still found.
    std::string seen;
    data::readTarArchive(dir / "a.tgz", [&](const data::TarMember& m) -> data::TarChunkSink {
        seen += m.name + ";";
        if (m.name != "package/empty") return {};
        return [](std::span<const std::uint8_t>) {};
    });
    CHECK(seen == "package/a.txt;package/data/big;package/empty;");
}

TEST_CASE("[data] a damaged tar archive is one line naming the file and the byte") {
    const auto dir = test::scratchDir("tar-bad");
    std::string tar = tarOf({{"package/a.txt", "hello"}, {"package/b.txt", "world"}});

    std::string badSum = tar;
    badSum[1030] = 'X'; // inside the second header's name: its checksum no longer matches
    std::ofstream(dir / "sum.tar", std::ios::binary) << badSum;
    CHECK_THROWS_WITH(readAll(dir / "sum.tar"),
                      (dir / "sum.tar").string() + ": byte 1024: expected a tar header with a matching checksum "
                                                   "(is this a .tgz or .tar file?)");

    std::ofstream(dir / "cut.tar", std::ios::binary) << tar.substr(0, 512 + 3);
    CHECK_THROWS_WITH(readAll(dir / "cut.tar"),
                      (dir / "cut.tar").string() + ": byte 515: expected the rest of a 5-byte tar member, found the end of the data");

    std::ofstream(dir / "page.html", std::ios::binary) << "<html>" << std::string(600, ' ') << "</html>";
    CHECK_THROWS_AS(readAll(dir / "page.html"), data::InputError);
}
