#pragma once
// A scratch folder for configuration tests: a minimal style and municipality layer, and
// whatever map, layer or style text a test writes beside them. Removed with the object.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace ipmap::test {

class ConfigScratch {
public:
    std::filesystem::path dir;

    explicit ConfigScratch(const std::string& prefix) {
        dir = std::filesystem::temp_directory_path() /
              (prefix + std::to_string(::getpid()) + "_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        std::filesystem::create_directories(dir);
        write("style.toml", "[page]\nsea = \"#d6e8f4\"\n");
        write("muni.toml", "[layer]\nid = \"municipalities\"\nsource = \"muni.geojson\"\n[fields]\ncode = \"code\"\nname = \"name\"\n");
    }
    ConfigScratch(const ConfigScratch&) = delete;
    ConfigScratch& operator=(const ConfigScratch&) = delete;
    ~ConfigScratch() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }

    /// Writes `text` to `name` in the folder; returns its path.
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    }
};

}  // namespace ipmap::test
