// mountSmallDisk() and setReadOnly() with unshare(2) and mount(2) (see mounts.hpp).
#include "support/mounts.hpp"

#include "support/display.hpp"

#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cstring>
#include <iostream>
#include <string>

namespace stepwise::test {

namespace {

[[noreturn]] void fail(const std::string& what) {
    std::cerr << "test support: " << what << ": " << std::strerror(errno) << std::endl;
    std::exit(1);
}

void enterPrivateNamespace() {
    static bool entered = false;
    if (entered) return;
    if (::unshare(CLONE_NEWNS) != 0)
        skip(std::string("cannot make a private mount namespace for a small or read-only disk (") +
             std::strerror(errno) + "); run the tests as root, as scripts/test.sh and CI do");
    // Nothing mounted from here on may reach the rest of the system.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) fail("mount --make-rprivate /");
    entered = true;
}

} // namespace

void mountSmallDisk(const std::filesystem::path& dir, std::size_t bytes) {
    enterPrivateNamespace();
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
    if (::mount("stepwise-test", dir.c_str(), "tmpfs", 0, options.c_str()) != 0) fail("mount tmpfs on " + dir.string());
}

void setReadOnly(const std::filesystem::path& dir, bool readOnly) {
    if (::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | (readOnly ? MS_RDONLY : 0), nullptr) != 0)
        fail("remount " + dir.string());
}

void fillDisk(const std::filesystem::path& dir, const std::string& name) {
    std::FILE* file = std::fopen((dir / name).c_str(), "wb");
    if (!file) fail("create " + (dir / name).string());
    std::vector<char> block(4096, 'x');
    while (std::fwrite(block.data(), 1, block.size(), file) == block.size() && std::fflush(file) == 0) {
    }
    if (errno != ENOSPC) fail("fill " + dir.string());
    std::fclose(file); // the buffered rest fails too: the disk stays full
}

} // namespace stepwise::test
