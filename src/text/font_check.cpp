#include "text/font_check.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace ipmap {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

struct PatternFree {
    void operator()(FcPattern* p) const { if (p) FcPatternDestroy(p); }
};

}  // namespace

std::vector<std::string> font_families(const std::string& family_list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= family_list.size()) {
        std::size_t end = family_list.find(',', start);
        if (end == std::string::npos) end = family_list.size();
        std::string f = family_list.substr(start, end - start);
        while (!f.empty() && std::isspace(static_cast<unsigned char>(f.back()))) f.pop_back();
        std::size_t b = 0;
        while (b < f.size() && std::isspace(static_cast<unsigned char>(f[b]))) ++b;
        if (b < f.size()) out.push_back(f.substr(b));
        start = end + 1;
    }
    return out;
}

std::optional<std::string> font_substitute(const std::string& family_list) {
    std::string family = family_list.substr(0, family_list.find(','));
    while (!family.empty() && family.back() == ' ') family.pop_back();
    while (!family.empty() && family.front() == ' ') family.erase(0, 1);
    // fontconfig's default configuration is shared; guard its lazy initialisation.
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::unique_ptr<FcPattern, PatternFree> pattern(FcPatternCreate());
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result;
    std::unique_ptr<FcPattern, PatternFree> match(FcFontMatch(nullptr, pattern.get(), &result));
    if (!match) return std::string("(no font at all)");
    std::string first;
    FcChar8* value = nullptr;
    for (int i = 0; FcPatternGetString(match.get(), FC_FAMILY, i, &value) == FcResultMatch; ++i) {
        std::string got(reinterpret_cast<const char*>(value));
        if (first.empty()) first = got;
        if (lower(got) == lower(family)) return std::nullopt;
    }
    return first;
}

}  // namespace ipmap
