// Fuzz target: the callout template formatter (classify/callout_text.hpp).
// Input: the first line is the template; the following lines are the work's values, in order:
//   id, name, owner label, category, start_fy, end_fy, progress, status (0 完成, 1 事業中,
//   2 未着手, else absent), fy_work, municipalities (comma separated), projects (comma
//   separated integers), the sheet's fiscal year, options ("full" = full-width digits,
//   "nosuffix" = no 年度), municipality names (comma separated); every further line
//   "column=value" is a source column for {col:column}. Missing lines are empty values.
// Text values go through ipmap::clean_text first, as map_works does with register text.
// Invariants (abort on violation):
//  - validate_template(t) is empty exactly when format_callout does not throw;
//  - format_callout throws only std::invalid_argument, whose message carries the validator's
//    reason and ends "at character N" with 1 <= N <= length + 1;
//  - a valid UTF-8 template gives valid UTF-8 text.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "classify/callout_text.hpp"
#include "fuzz_support.hpp"
#include "works/map_fields.hpp"

namespace {

using ipmap_fuzz::escaped;
using ipmap_fuzz::fail;

/// An integer from a line, or nullopt when the line is empty or not a number.
std::optional<long long> integer(const std::string& s) {
    if (s.empty()) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (end == s.c_str() || errno == ERANGE) return std::nullopt;
    return v;
}

/// An int from a line (fiscal years and project numbers: the formatter must cope with any).
std::optional<int> int_value(const std::string& s) {
    auto v = integer(s);
    if (!v || *v < INT32_MIN || *v > INT32_MAX) return std::nullopt;
    return static_cast<int>(*v);
}

std::vector<std::string> comma_list(const std::string& s) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    for (auto part : ipmap_fuzz::split(s, ',')) out.emplace_back(ipmap::clean_text(part));
    return out;
}

/// "at character N" at the end of `msg`; N, or 0 when the suffix is missing.
std::size_t position_in(const std::string& msg) {
    const std::string marker = " at character ";
    std::size_t p = msg.rfind(marker);
    if (p == std::string::npos) return 0;
    std::string digits = msg.substr(p + marker.size());
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
    return static_cast<std::size_t>(std::stoull(digits));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 8192) return -1;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> lines;
    for (auto l : ipmap_fuzz::split(input, '\n')) lines.emplace_back(l);
    auto line = [&](std::size_t i) { return i < lines.size() ? lines[i] : std::string(); };

    ipmap::CalloutTemplate tpl;
    tpl.text = line(0);
    ipmap::Work w;
    w.id = ipmap::clean_text(line(1));
    w.name = ipmap::clean_text(line(2));
    w.owner_label = ipmap::clean_text(line(3));
    w.owner = w.owner_label == "国" ? ipmap::Owner::National : w.owner_label == "道" ? ipmap::Owner::Hokkaido
                                                                                    : ipmap::Owner::Other;
    w.category = ipmap::clean_text(line(4));
    w.start_fy = int_value(line(5));
    w.end_fy = int_value(line(6));
    if (!line(7).empty()) {
        // Work::progress is 0..100 once mapped (map_works clamps); NaN/inf are kept because
        // format_callout documents handling them.
        double p = std::strtod(line(7).c_str(), nullptr);
        if (std::isfinite(p)) p = std::min(100.0, std::max(0.0, p));
        w.progress = p;
    }
    auto status = integer(line(8));
    ipmap::CalloutFields fields;
    if (status && *status >= 0 && *status <= 2) {
        w.status = static_cast<ipmap::Status>(*status);
        fields.status = *w.status;
    }
    w.fy_work = ipmap::clean_text(line(9));
    w.municipalities = comma_list(line(10));
    const std::string projects = line(11);
    if (!projects.empty())
        for (auto part : ipmap_fuzz::split(projects, ','))
            if (auto v = int_value(std::string(part))) w.projects.push_back(*v);
    fields.fiscal_year = int_value(line(12)).value_or(0);
    tpl.wareki.full_width_digits = line(13).find("full") != std::string::npos;
    tpl.wareki.with_suffix = line(13).find("nosuffix") == std::string::npos;
    fields.municipality_names = comma_list(line(14));
    for (std::size_t i = 15; i < lines.size(); ++i) {
        std::size_t eq = lines[i].find('=');
        if (eq == std::string::npos) continue;
        w.extra[ipmap::clean_text(lines[i].substr(0, eq))] = ipmap::clean_text(lines[i].substr(eq + 1));
    }

    const std::string why = ipmap::validate_template(tpl.text);
    std::string out;
    try {
        out = ipmap::format_callout(tpl, w, fields);
    } catch (const std::invalid_argument& e) {
        const std::string msg = e.what();
        if (why.empty())
            fail("validate_template accepts \"" + escaped(tpl.text) + "\" but format_callout throws: " + msg);
        // what() is a C string: a NUL in the echoed field name ends it early (reported to the lead).
        const std::string expected = "callout template: " + why;
        if (msg != expected.c_str())
            fail("format_callout's message \"" + escaped(msg) + "\" is not the validator's \"" + escaped(why) + "\"");
        const std::size_t pos = position_in(why);
        if (pos < 1 || pos > ipmap_fuzz::count_code_points(tpl.text) + 1)
            fail("error position out of range in \"" + escaped(why) + "\" for a template of " +
                 std::to_string(tpl.text.size()) + " bytes");
        return 0;
    } catch (const std::exception& e) {
        fail(std::string("format_callout threw an undocumented exception: ") + e.what());
    }
    if (!why.empty())
        fail("validate_template rejects \"" + escaped(tpl.text) + "\" (" + why + ") but format_callout formats it");
    if (ipmap_fuzz::is_valid_utf8(tpl.text) && !ipmap_fuzz::is_valid_utf8(out))
        fail("valid UTF-8 template \"" + escaped(tpl.text) + "\" gave invalid UTF-8 \"" + escaped(out) + "\"");
    return 0;
}
