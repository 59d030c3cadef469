#include "config/style_sheet.hpp"

namespace ipmap {

namespace {

void apply(WorkStyle& s, const WorkStyleProps& p) {
    if (p.color) s.color = *p.color;
    if (p.line_width_mm) s.line_width_mm = *p.line_width_mm;
    if (p.dash_mm) s.dash_mm = *p.dash_mm;
    if (p.casing_color) s.casing_color = *p.casing_color;
    if (p.casing_width_mm) s.casing_width_mm = *p.casing_width_mm;
    if (p.fill_pattern) s.fill_pattern = *p.fill_pattern;
    if (p.fill_opacity) s.fill_opacity = *p.fill_opacity;
    if (p.symbol) s.symbol = *p.symbol;
    if (p.symbol_size_mm) s.symbol_size_mm = *p.symbol_size_mm;
    if (p.symbol_hollow) s.symbol_hollow = *p.symbol_hollow;
    if (p.symbol_dot) s.symbol_dot = *p.symbol_dot;
}

const char* kind_key(GeometryKind k) {
    switch (k) {
        case GeometryKind::None: return "none";
        case GeometryKind::Point: return "point";
        case GeometryKind::Line: return "line";
        case GeometryKind::Polygon: return "polygon";
    }
    return "";
}

const char* owner_ja(Owner o) {
    switch (o) {
        case Owner::National: return "国";
        case Owner::Hokkaido: return "道";
        case Owner::Other: return "その他";
    }
    return "";
}

bool matches(const StyleRule& rule, const Work& w, Status status, GeometryKind kind) {
    for (const auto& [key, want] : rule.when) {
        std::string have;
        if (key == "owner") {
            if (want != to_key(w.owner) && want != owner_ja(w.owner) && want != w.owner_label) return false;
            continue;
        }
        if (key == "status") {
            if (want != to_key(status) && want != to_string(status)) return false;
            continue;
        }
        if (key == "category") have = w.category;
        else if (key == "geometry") have = kind_key(kind);
        else if (key == "id") have = w.id;
        else {
            auto it = w.extra.find(key);
            if (it == w.extra.end()) return false;
            have = it->second;
        }
        if (have != want) return false;
    }
    return true;
}

}  // namespace

WorkStyle StyleSheet::resolve(const Work& work, Status status, GeometryKind kind) const {
    WorkStyle s;
    apply(s, defaults);
    if (auto it = by_owner.find(to_key(work.owner)); it != by_owner.end()) apply(s, it->second);
    if (auto it = by_status.find(to_key(status)); it != by_status.end()) apply(s, it->second);
    if (auto it = by_category.find(work.category); it != by_category.end()) apply(s, it->second);
    for (const auto& rule : rules)
        if (matches(rule, work, status, kind)) apply(s, rule.props);
    return s;
}

const StyleRule* StyleSheet::callout_rule(const Work& work, Status status, GeometryKind kind) const {
    const StyleRule* found = nullptr;
    for (const auto& rule : rules)
        if (rule.callout && matches(rule, work, status, kind)) found = &rule;
    return found;
}

std::string StyleSheet::owner_label(Owner owner) const {
    if (auto it = by_owner.find(to_key(owner)); it != by_owner.end() && it->second.label) return *it->second.label;
    return owner_ja(owner);
}

std::string StyleSheet::status_label(Status status) const {
    if (auto it = by_status.find(to_key(status)); it != by_status.end() && it->second.label) return *it->second.label;
    return to_string(status);
}

}  // namespace ipmap
