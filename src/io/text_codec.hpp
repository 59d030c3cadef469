#pragma once
// Private to src/io: text recoding to UTF-8 and UTF-8 validation. No GDAL here.
#include <string>
#include <string_view>

namespace ipmap::io_detail {

/// True for "", "UTF-8", "utf8", "UTF_8" (the encodings that need no recoding).
bool is_utf8_encoding(std::string_view name);

/// The iconv name for a configured encoding. "Shift_JIS" and "SJIS" become "CP932":
/// Japanese files labelled Shift_JIS are written by Windows and use CP932's extensions
/// (①, ㈱, NEC/IBM kanji), which glibc's strict SHIFT_JIS rejects.
std::string iconv_encoding_name(std::string_view name);

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view s);

/// `s` with every byte that is not part of a well-formed UTF-8 sequence replaced by
/// U+FFFD; `changed` tells whether anything was replaced.
std::string sanitize_utf8(std::string_view s, bool& changed);

/// At most `max_bytes` of `s`, cut at a character boundary, with "..." when cut.
std::string shorten_utf8(std::string_view s, std::size_t max_bytes = 60);

/// Converts between one legacy encoding and UTF-8 with iconv. Not thread-safe: one per call.
class Recoder {
public:
    /// Throws std::invalid_argument when iconv does not know `encoding`.
    explicit Recoder(std::string_view encoding);
    ~Recoder();
    Recoder(const Recoder&) = delete;
    Recoder& operator=(const Recoder&) = delete;

    /// Decodes `in` into UTF-8 `out`; undecodable bytes become U+FFFD and the result is false.
    bool to_utf8(std::string_view in, std::string& out);
    /// Encodes UTF-8 `in` into the legacy encoding; false (and `out` unspecified) when a
    /// character has no representation there.
    bool from_utf8(std::string_view in, std::string& out);

private:
    std::string name_;
    bool ascii_compatible_ = false;  // ASCII bytes mean ASCII text (not UTF-16, ISO-2022, ...)
    void* to_utf8_ = nullptr;    // iconv_t
    void* from_utf8_ = nullptr;  // iconv_t, opened on first use
};

}  // namespace ipmap::io_detail
