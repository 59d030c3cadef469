#pragma once
// Helpers for render tests: decode PNGs, run poppler tools, scratch directories.
#include <cairo/cairo.h>  // test-only: decodes the PNGs the renderer wrote
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace render_test {

namespace fs = std::filesystem;

/// A fresh, empty directory for one test under the system temp directory, removed
/// (with its contents) when it goes out of scope.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& name)
        : dir_(fs::temp_directory_path() /
               ("ipmap-render-test-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(dir_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const fs::path& path() const { return dir_; }
    fs::path operator/(const std::string& leaf) const { return dir_ / leaf; }
    operator const fs::path&() const { return dir_; }

private:
    fs::path dir_;
};

inline std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Runs a shell command and returns its standard output.
inline std::string run(const std::string& cmd) {
    std::string out;
    FILE* f = ::popen(cmd.c_str(), "r");
    if (!f) throw std::runtime_error("popen failed: " + cmd);
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    ::pclose(f);
    return out;
}

inline std::string quote(const fs::path& p) { return "'" + p.string() + "'"; }

struct Rgb { int r, g, b; };

struct Image {
    int width = 0, height = 0;
    std::vector<std::uint32_t> px;  // cairo ARGB32/RGB24 words, row-major

    Rgb at(int x, int y) const {
        const std::uint32_t v = px[static_cast<std::size_t>(y) * width + x];
        return {int((v >> 16) & 0xff), int((v >> 8) & 0xff), int(v & 0xff)};
    }
    /// The pixel under page position (x_mm, y_mm) for an image at `px_per_mm`.
    Rgb at_mm(double x_mm, double y_mm, double px_per_mm) const {
        return at(int(x_mm * px_per_mm), int(y_mm * px_per_mm));
    }
};

inline Image load_png(const fs::path& p) {
    cairo_surface_t* s = cairo_image_surface_create_from_png(p.c_str());
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        throw std::runtime_error("cannot read PNG " + p.string());
    }
    Image img;
    img.width = cairo_image_surface_get_width(s);
    img.height = cairo_image_surface_get_height(s);
    const int stride = cairo_image_surface_get_stride(s);
    const unsigned char* data = cairo_image_surface_get_data(s);
    img.px.resize(static_cast<std::size_t>(img.width) * img.height);
    for (int y = 0; y < img.height; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < img.width; ++x) img.px[static_cast<std::size_t>(y) * img.width + x] = row[x];
    }
    cairo_surface_destroy(s);
    return img;
}

inline bool is_white(Rgb c) { return c.r > 250 && c.g > 250 && c.b > 250; }

}  // namespace render_test
