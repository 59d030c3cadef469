#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

// crs = "auto" needs the coverage layer's `subpref` (README): every layer file that shows how
// to map N03 columns (code = "N03_007") shows subpref = "N03_002" too.
TEST_CASE("layer files' N03 hints map subpref as well as code and name", "[atlas][layers]") {
    namespace fs = std::filesystem;
    int hinted = 0;
    for (const auto& e : fs::directory_iterator(fs::path(IPMAP_SOURCE_DIR) / "layers")) {
        if (e.path().extension() != ".toml") continue;
        std::ifstream in(e.path());
        for (std::string line; std::getline(in, line);) {
            if (line.rfind("#", 0) != 0 || line.find("\"N03_007\"") == std::string::npos) continue;
            ++hinted;
            INFO(e.path().filename().string() << ": " << line);
            CHECK(line.find("subpref = \"N03_002\"") != std::string::npos);
        }
    }
    CHECK(hinted >= 2);
}
