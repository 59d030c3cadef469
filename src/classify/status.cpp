#include "classify/status.hpp"

#include <string_view>
#include <utility>

#include "classify/fiscal_year.hpp"

namespace ipmap {

namespace {

/// Drops ASCII blanks and U+3000 anywhere ("事業 中", "　完成　") and lowercases ASCII,
/// so that the tables below compare whole words.
std::string squeeze(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') continue;
        if (text.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 IDEOGRAPHIC SPACE
            i += 2;
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

struct Derivation {
    Status status;
    bool evidence;     ///< false when it rests only on missing data (no start year, no progress)
    std::string why;
};

Derivation derive(const Work& w, int fy) {
    auto wareki = [](int y) { return format_wareki(y); };
    if (w.progress && *w.progress >= 100) return {Status::Completed, true, "progress is 100%"};
    if (w.end_fy && *w.end_fy < fy)
        return {Status::Completed, true, "end year " + wareki(*w.end_fy) + " is before " + wareki(fy)};
    if (w.start_fy && *w.start_fy > fy)
        return {Status::Planned, true, "start year " + wareki(*w.start_fy) + " is after " + wareki(fy)};
    if (!w.start_fy && (!w.progress || *w.progress == 0))
        return {Status::Planned, false, "no start year and no progress"};
    if (w.start_fy) return {Status::InProgress, true, "started " + wareki(*w.start_fy) + ", not yet complete"};
    return {Status::InProgress, true, "progress is above 0 and below 100%"};
}

}  // namespace

StatusDecision classify_status(const Work& work, int fy) {
    Derivation d = derive(work, fy);
    StatusDecision out;
    if (work.status) {
        out.status = *work.status;
        out.derived = false;
        if (d.evidence && d.status != *work.status)
            out.note = std::string("register says ") + to_string(*work.status) + " but " + d.why +
                       " (suggests " + to_string(d.status) + "); the register wins";
        return out;
    }
    out.status = d.status;
    out.derived = true;
    out.note = std::string("状態 empty; ") + to_string(d.status) + " because " + d.why;
    return out;
}

std::optional<Status> parse_status(const std::string& text) {
    static const std::pair<std::string_view, Status> table[] = {
        {"完成", Status::Completed},      {"完了", Status::Completed},      {"供用", Status::Completed},
        {"完成済", Status::Completed},    {"完成済み", Status::Completed},  {"完了済", Status::Completed},
        {"完了済み", Status::Completed},  {"供用済", Status::Completed},    {"供用済み", Status::Completed},
        {"供用中", Status::Completed},    {"竣工", Status::Completed},      {"completed", Status::Completed},
        {"事業中", Status::InProgress},   {"施工中", Status::InProgress},   {"継続", Status::InProgress},
        {"継続中", Status::InProgress},   {"工事中", Status::InProgress},   {"実施中", Status::InProgress},
        {"in_progress", Status::InProgress},
        {"未着手", Status::Planned},      {"計画", Status::Planned},        {"予定", Status::Planned},
        {"計画中", Status::Planned},      {"着手予定", Status::Planned},    {"planned", Status::Planned},
    };
    std::string s = squeeze(text);
    for (const auto& [word, status] : table)
        if (s == word) return status;
    return std::nullopt;
}

Owner parse_owner(const std::string& text) {
    std::string s = squeeze(text);
    if (s.empty()) return Owner::Other;
    // National first: 北海道開発局 and its 開発建設部 are national offices despite "北海道".
    if (s == "国" || starts_with(s, "国(") || starts_with(s, "国（") || s == "national") return Owner::National;
    for (std::string_view w : {"国土交通省", "国交省", "開発局", "開発建設部", "開建", "農林水産省", "水産庁", "林野庁"})
        if (contains(s, w)) return Owner::National;
    if (s == "道" || starts_with(s, "道(") || starts_with(s, "道（") || s == "hokkaido") return Owner::Hokkaido;
    for (std::string_view w : {"北海道", "振興局", "道庁"})
        if (contains(s, w)) return Owner::Hokkaido;
    return Owner::Other;
}

}  // namespace ipmap
