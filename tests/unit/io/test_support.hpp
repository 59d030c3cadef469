#pragma once
// Helpers shared by the io tests: temp directories, specs, diagnostics lookup.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "config/layer_spec.hpp"
#include "core/diagnostics.hpp"
#include "works/raw_record.hpp"

namespace io_test {

namespace fs = std::filesystem;

inline const std::string kData = std::string(IPMAP_TEST_DATA_DIR) + "/io/";
inline const std::string kShared = std::string(IPMAP_SHARED_DATA_DIR) + "/";

/// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() /
                ("ipmap_io_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (path_ / name).string(); }
    std::string path() const { return path_.string(); }

    /// Writes `bytes` verbatim and returns the path.
    std::string write(const std::string& name, const std::string& bytes) const {
        std::ofstream out(path_ / name, std::ios::binary);
        out << bytes;
        return file(name);
    }

private:
    fs::path path_;
};

inline ipmap::LayerSpec spec_for(const std::string& source, const std::string& layer = "") {
    ipmap::LayerSpec s;
    s.id = "test";
    s.file = "layers/test.toml";
    s.source = source;
    s.layer = layer;
    return s;
}

/// The diagnostics whose message contains `text`.
inline std::vector<ipmap::Diagnostic> diags_with(const ipmap::Diagnostics& d, const std::string& text) {
    std::vector<ipmap::Diagnostic> out;
    for (const auto& x : d.items())
        if (x.message.find(text) != std::string::npos) out.push_back(x);
    return out;
}

/// The record whose column `column` equals `value`; fails the test when there is none.
inline const ipmap::RawRecord& record_where(const ipmap::RawLayer& l, const std::string& column,
                                            const std::string& value) {
    for (const auto& r : l.records) {
        auto it = r.values.find(column);
        if (it != r.values.end() && it->second && *it->second == value) return r;
    }
    throw std::runtime_error("no record with " + column + " = " + value);
}

inline std::string value_of(const ipmap::RawRecord& r, const std::string& column) {
    auto it = r.values.find(column);
    if (it == r.values.end()) return "<no such column>";
    return it->second ? *it->second : "<null>";
}

}  // namespace io_test
