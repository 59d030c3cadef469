#pragma once
// Helpers shared by the fuzz targets: a per-process scratch directory, input splitting,
// and an independent UTF-8 oracle (deliberately not the library's own validator).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace ipmap_fuzz {

namespace fs = std::filesystem;

/// Prints `what` and aborts, so that libFuzzer (or the replay runner) records the input as a crash.
[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "ipmap fuzz invariant violated: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

/// A directory of this process under the temp dir ($TMPDIR or /tmp), e.g. /tmp/ipmap-fuzz-1234,
/// created on first use and removed at exit. One per process, so parallel fuzzers never share files.
class ScratchDir {
public:
    static const ScratchDir& get() {
        static const ScratchDir dir;
        return dir;
    }
    /// Path of `name` inside the directory.
    std::string file(const std::string& name) const { return (path_ / name).string(); }

    /// Writes `bytes` verbatim to `name` (replacing it) and returns the path.
    std::string write(const std::string& name, std::string_view bytes) const {
        std::string p = file(name);
        std::ofstream out(p, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) fail("cannot write scratch file " + p);
        return p;
    }

    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

private:
    ScratchDir() {
        std::error_code ec;
        fs::path base = fs::temp_directory_path(ec);
        if (ec) base = "/tmp";
        path_ = base / ("ipmap-fuzz-" + std::to_string(::getpid()));
        fs::remove_all(path_, ec);
        fs::create_directories(path_, ec);
        if (ec) fail("cannot create scratch directory " + path_.string() + ": " + ec.message());
    }
    fs::path path_;
};

/// True when IPMAP_FUZZ_VERBOSE is set: targets then say what each input did (for seed writers).
inline bool verbose() {
    static const bool on = std::getenv("IPMAP_FUZZ_VERBOSE") != nullptr;
    return on;
}

/// Splits `data` at every `sep` byte (so n separators give n + 1 parts).
inline std::vector<std::string_view> split(std::string_view data, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        std::size_t p = data.find(sep, start);
        if (p == std::string_view::npos) {
            parts.push_back(data.substr(start));
            return parts;
        }
        parts.push_back(data.substr(start, p - start));
        start = p + 1;
    }
}

/// Decodes `s` strictly as UTF-8 (no overlongs, surrogates, or code points above U+10FFFF).
/// Returns false on the first ill-formed sequence; `out` (when given) receives the code points.
inline bool decode_utf8(std::string_view s, std::u32string* out = nullptr) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        char32_t cp = 0;
        std::size_t len = 0;
        if (b < 0x80) { cp = b; len = 1; }
        else if (b >= 0xC2 && b <= 0xDF) { cp = b & 0x1F; len = 2; }
        else if (b >= 0xE0 && b <= 0xEF) { cp = b & 0x0F; len = 3; }
        else if (b >= 0xF0 && b <= 0xF4) { cp = b & 0x07; len = 4; }
        else return false;
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        if (out) out->push_back(cp);
        i += len;
    }
    return true;
}

inline bool is_valid_utf8(std::string_view s) { return decode_utf8(s); }

/// True for what map_works/clean_text promise to remove from drawn text: C0/C1 controls,
/// line/paragraph separators, zero-width and bidi format characters, BOM, annotation marks.
inline bool is_forbidden_in_text(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0x061C;
}

/// "" when `text` is valid UTF-8 without forbidden characters, else what is wrong with it.
inline std::string check_clean_text(std::string_view text) {
    std::u32string cps;
    if (!decode_utf8(text, &cps)) return "invalid UTF-8";
    for (char32_t c : cps) {
        if (is_forbidden_in_text(c)) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "forbidden character U+%04X", static_cast<unsigned>(c));
            return buf;
        }
    }
    return {};
}

/// Number of code points in valid UTF-8.
inline std::size_t count_code_points(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return n;
}

/// `s` with bytes outside printable ASCII escaped, for messages.
inline std::string escaped(std::string_view s, std::size_t max = 200) {
    std::string out;
    for (char ch : s.substr(0, max)) {
        auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            out += ch;
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        }
    }
    if (s.size() > max) out += "...";
    return out;
}

}  // namespace ipmap_fuzz
