#include "io/text_codec.hpp"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>

namespace ipmap::io_detail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
const iconv_t kNoIconv = reinterpret_cast<iconv_t>(-1);

std::string normalised(std::string_view name) {
    std::string n;
    for (char c : name) {
        if (c == '-' || c == '_' || c == ' ') continue;
        n += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    return n;
}

/// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when there is none
/// (Unicode Table 3-7).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) { len = 3; hi = 0x9F; }  // no surrogates
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }  // <= U+10FFFF
    else return 0;
    if (i + len > s.size()) return 0;
    if (b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
    return len;
}

/// Runs iconv over all of `in`; bytes it cannot convert become `bad` (when non-empty)
/// and make the result false.
bool convert(iconv_t cd, std::string_view in, std::string& out, std::string_view bad) {
    out.clear();
    out.reserve(in.size() + in.size() / 2 + 4);
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // initial shift state
    char* src = const_cast<char*>(in.data());     // iconv's signature; it does not write
    std::size_t src_left = in.size();
    bool ok = true;
    char buf[512];
    while (src_left > 0) {
        char* dst = buf;
        std::size_t dst_left = sizeof buf;
        const std::size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
        out.append(buf, static_cast<std::size_t>(dst - buf));
        if (r != static_cast<std::size_t>(-1)) continue;
        if (errno == E2BIG) continue;
        // EILSEQ (invalid sequence) or EINVAL (incomplete sequence at the end): skip a byte.
        ok = false;
        out += bad;
        ++src;
        --src_left;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
    char* dst = buf;
    std::size_t dst_left = sizeof buf;
    iconv(cd, nullptr, nullptr, &dst, &dst_left);  // flush a final shift sequence
    out.append(buf, static_cast<std::size_t>(dst - buf));
    return ok;
}

}  // namespace

bool is_utf8_encoding(std::string_view name) {
    const std::string n = normalised(name);
    return n.empty() || n == "UTF8";
}

std::string iconv_encoding_name(std::string_view name) {
    const std::string n = normalised(name);
    if (n == "SHIFTJIS" || n == "SJIS" || n == "MSKANJI" || n == "WINDOWS31J") return "CP932";
    return std::string(name);
}

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string sanitize_utf8(std::string_view s, bool& changed) {
    changed = false;
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) {
            out += kReplacement;
            changed = true;
            ++i;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
}

std::string shorten_utf8(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return std::string(s);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return std::string(s.substr(0, cut)) + "...";
}

Recoder::Recoder(std::string_view encoding) : name_(iconv_encoding_name(encoding)) {
    iconv_t cd = iconv_open("UTF-8", name_.c_str());
    if (cd == kNoIconv) throw std::invalid_argument("unknown encoding '" + std::string(encoding) + "'");
    to_utf8_ = cd;
    // Stateful 7-bit encodings reuse ASCII bytes for other characters.
    const std::string n = normalised(name_);
    const bool stateful = n.rfind("UTF7", 0) == 0 || n.rfind("HZ", 0) == 0 || n.rfind("ISO2022", 0) == 0;
    std::string ascii, decoded;
    for (char c = 0x20; c < 0x7F; ++c) ascii += c;
    ascii_compatible_ = !stateful && convert(cd, ascii, decoded, kReplacement) && decoded == ascii;
}

Recoder::~Recoder() {
    if (to_utf8_) iconv_close(static_cast<iconv_t>(to_utf8_));
    if (from_utf8_) iconv_close(static_cast<iconv_t>(from_utf8_));
}

bool Recoder::to_utf8(std::string_view in, std::string& out) {
    bool pure_ascii = ascii_compatible_;
    for (char c : in) pure_ascii = pure_ascii && static_cast<unsigned char>(c) < 0x80;
    if (pure_ascii) {
        out.assign(in);
        return true;
    }
    return convert(static_cast<iconv_t>(to_utf8_), in, out, kReplacement);
}

bool Recoder::from_utf8(std::string_view in, std::string& out) {
    if (!from_utf8_) {
        iconv_t cd = iconv_open(name_.c_str(), "UTF-8");
        if (cd == kNoIconv) return false;
        from_utf8_ = cd;
    }
    return convert(static_cast<iconv_t>(from_utf8_), in, out, {});
}

}  // namespace ipmap::io_detail
