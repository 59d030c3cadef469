// Runs a fuzz target's LLVMFuzzerTestOneInput over files without libFuzzer, so that the seed
// corpus and the saved crash inputs (regressions/) are replayed by ctest in any build (g++
// included). A crash or a violated invariant aborts the process and fails the test.
//   fuzz_replay_<target> DIR_OR_FILE...   (missing paths are skipped; no input at all fails)
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

namespace {

std::vector<uint8_t> read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Regular files of `arg` (itself, or its entries in name order; dot files skipped).
std::vector<fs::path> inputs_of(const fs::path& arg) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (fs::is_regular_file(arg, ec)) {
        out.push_back(arg);
    } else if (fs::is_directory(arg, ec)) {
        for (const auto& e : fs::directory_iterator(arg, ec))
            if (e.is_regular_file() && e.path().filename().string().front() != '.') out.push_back(e.path());
        std::sort(out.begin(), out.end());
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t total = 0;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg = argv[i];
        const auto files = inputs_of(arg);
        for (const auto& f : files) {
            std::fprintf(stderr, "replay %s\n", f.c_str());
            const auto bytes = read_all(f);
            static const uint8_t empty = 0;  // libFuzzer never passes a null pointer
            LLVMFuzzerTestOneInput(bytes.empty() ? &empty : bytes.data(), bytes.size());
        }
        std::printf("%zu input(s) from %s\n", files.size(), arg.c_str());
        total += files.size();
    }
    if (total == 0) {
        std::fprintf(stderr, "no inputs found: nothing was replayed\n");
        return 1;
    }
    std::printf("replayed %zu input(s) without a crash\n", total);
    return 0;
}
