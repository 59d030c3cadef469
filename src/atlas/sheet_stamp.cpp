#include "atlas/sheet_stamp.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/diagnostics.hpp"

namespace ipmap {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

/// Bumped when the meaning of the stamp changes, so that old stamps never match.
constexpr const char* kStampVersion = "ipmap-atlas-stamp-2";

std::string describe_file(const fs::path& p) {
    std::error_code ec;
    auto size = fs::file_size(p, ec);
    if (ec) return p.string() + " missing\n";
    auto t = fs::last_write_time(p, ec);
    if (ec) return p.string() + " missing\n";
    long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
    return p.string() + " " + std::to_string(size) + " " + std::to_string(ns) + "\n";
}

}  // namespace

std::string fingerprint_hex(const std::string& text) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string describe_inputs(const std::vector<std::string>& paths) {
    std::string out;
    for (const auto& s : paths) {
        if (s.empty()) continue;
        // Absolute, so that resuming from another working folder finds the same inputs.
        fs::path p = fs::absolute(fs::path(s)).lexically_normal();
        out += describe_file(p);
        // Companion files: same stem in the same folder (foo.shp -> foo.dbf, foo.gpkg -> foo.gpkg-wal).
        std::error_code ec;
        if (!fs::is_regular_file(p, ec)) continue;
        std::vector<fs::path> companions;
        const fs::path parent = p.has_parent_path() ? p.parent_path() : fs::path(".");
        const std::string stem = p.stem().string(), name = p.filename().string();
        for (const auto& e : fs::directory_iterator(parent, ec)) {
            const std::string n = e.path().filename().string();
            if (n == name || !e.is_regular_file(ec)) continue;
            if (e.path().stem().string() == stem || n.rfind(name + "-", 0) == 0) companions.push_back(e.path());
        }
        std::sort(companions.begin(), companions.end());
        for (const auto& c : companions) out += "  " + describe_file(c);
    }
    return out;
}

std::string describe_binary() {
    std::string out = std::string(kStampVersion) + "\n";
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        std::string d = describe_file(exe);
        // The path does not matter (a symlinked or copied binary is the same program).
        out += "binary " + d.substr(exe.string().size() + 1);
    }
    return out;
}

std::string stamp_report(const std::string& report_json, const std::string& fingerprint, const std::string& settings) {
    ordered_json j = ordered_json::parse(report_json);
    ordered_json lines = ordered_json::array();
    std::size_t start = 0;
    for (std::size_t nl; (nl = settings.find('\n', start)) != std::string::npos || start < settings.size();) {
        if (nl == std::string::npos) nl = settings.size();
        if (nl > start) lines.push_back(settings.substr(start, nl - start));
        start = nl + 1;
    }
    j["atlas"] = {{"fingerprint", fingerprint}, {"settings", lines}};
    return j.dump(2) + "\n";
}

std::string read_report(const std::string& text, const std::string& path, SheetOutcome& o) {
    try {
        auto j = nlohmann::json::parse(text);
        const auto& s = j.at("summary");
        const auto& c = j.at("callouts");
        o.works = s.at("works").get<int>();
        o.drawn = s.at("drawn").get<int>() + s.at("drawn+callout").get<int>();
        o.not_shown = s.at("not_shown").get<int>();
        o.callouts = c.at("in_map").get<int>() + c.at("margin").get<int>();
        o.listed = c.at("list").get<int>();
        o.pages = j.value("pages", 1);
        o.warnings = 0;
        o.warning_messages.clear();
        for (const auto& d : j.at("diagnostics")) {
            Diagnostic x;
            const std::string sev = d.at("severity").get<std::string>();
            if (sev == "info") continue;
            x.severity = sev == "error" ? Severity::Error : Severity::Warning;
            x.stage = d.value("stage", "");
            x.file = d.value("file", "");
            x.layer = d.value("layer", "");
            x.row = d.value("row", -1LL);
            x.work_id = d.value("id", "");
            x.field = d.value("field", "");
            x.value = d.value("value", "");
            x.message = d.value("message", "");
            x.action = d.value("action", "");
            ++o.warnings;
            o.warning_messages.push_back(x.to_line());
        }
        if (j.contains("atlas") && j["atlas"].contains("fingerprint")) return j["atlas"]["fingerprint"].get<std::string>();
        return "";
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": not an ipmap sheet report: " + e.what());
    }
}

}  // namespace ipmap
