#pragma once
// Private to config/: typed, located reads from a toml++ table. Every error names the
// file, the line and the dotted key.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/layer_spec.hpp"
#include "core/errors.hpp"

namespace ipmap::config_detail {

class TomlReader {
public:
    TomlReader(std::string file, const toml::table& table, std::string prefix = "")
        : file_(std::move(file)), table_(table), prefix_(std::move(prefix)) {}

    const std::string& file() const { return file_; }
    bool has(const std::string& key) const { return table_.contains(key); }

    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        const toml::node* n = table_.get(key);
        int line = n ? static_cast<int>(n->source().begin.line) : static_cast<int>(table_.source().begin.line);
        throw ConfigError(file_, line, dotted(key), what);
    }

    std::string dotted(const std::string& key) const { return prefix_.empty() ? key : prefix_ + "." + key; }

    /// Rejects keys not in `allowed` (catches misspellings such as "tilte").
    void only(std::initializer_list<const char*> allowed) const {
        std::set<std::string> ok(allowed.begin(), allowed.end());
        for (const auto& [k, v] : table_) {
            std::string key(k.str());
            if (!ok.count(key)) {
                std::string list;
                for (const auto& a : ok) list += (list.empty() ? "" : ", ") + a;
                throw ConfigError(file_, static_cast<int>(v.source().begin.line), dotted(key),
                                  "unknown key (expected one of: " + list + ")");
            }
        }
    }

    std::string str(const std::string& key, std::string def = "") const {
        const toml::node* n = table_.get(key);
        if (!n) return def;
        if (auto v = n->value<std::string>()) return *v;
        fail(key, "expected a string");
    }
    double num(const std::string& key, double def) const {
        const toml::node* n = table_.get(key);
        if (!n) return def;
        if (auto v = n->value<double>()) return *v;
        fail(key, "expected a number");
    }
    double positive(const std::string& key, double def) const {
        double v = num(key, def);
        if (!(v > 0)) fail(key, "expected a number greater than 0");
        return v;
    }
    bool boolean(const std::string& key, bool def) const {
        const toml::node* n = table_.get(key);
        if (!n) return def;
        if (auto v = n->value<bool>()) return *v;
        fail(key, "expected true or false");
    }
    std::vector<double> numbers(const std::string& key) const {
        std::vector<double> out;
        const toml::node* n = table_.get(key);
        if (!n) return out;
        const toml::array* arr = n->as_array();
        if (!arr) fail(key, "expected an array of numbers");
        for (const auto& e : *arr) {
            auto v = e.value<double>();
            if (!v) fail(key, "expected an array of numbers");
            out.push_back(*v);
        }
        return out;
    }
    TomlReader sub(const std::string& key) const {
        static const toml::table empty;
        const toml::node* n = table_.get(key);
        if (!n) return TomlReader(file_, empty, dotted(key));
        const toml::table* t = n->as_table();
        if (!t) fail(key, "expected a table");
        return TomlReader(file_, *t, dotted(key));
    }
    const toml::table& table() const { return table_; }
    int line() const { return static_cast<int>(table_.source().begin.line); }

    /// Resolves a path relative to this file's directory (absolute paths kept).
    std::string path(const std::string& key) const {
        std::string p = str(key);
        if (p.empty()) return p;
        return resolve(p);
    }
    std::string resolve(const std::string& p) const {
        std::filesystem::path fp(p);
        if (fp.is_absolute() || p.find("://") != std::string::npos || p.rfind("/vsi", 0) == 0) return p;
        return (std::filesystem::path(file_).parent_path() / fp).lexically_normal().string();
    }

private:
    std::string file_;
    const toml::table& table_;
    std::string prefix_;
};

/// Parses a TOML file; a syntax error becomes a ConfigError with its line.
inline toml::table parse_toml_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw ConfigError(path, 0, "", "file not found");
    if (std::filesystem::is_directory(path, ec))
        throw ConfigError(path, 0, "", "is a directory, expected a .toml file");
    try {
        return toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw ConfigError(path, static_cast<int>(e.source().begin.line), "", std::string(e.description()));
    }
}

/// Reads `show = [...]` of a [callout] table (map or works layer) into `sel`: the listed
/// selectors replace the defaults. "no_geometry" must be listed (such works are shown only
/// as callouts).
inline void read_callout_show(const TomlReader& r, CalloutSelection& sel) {
    if (!r.has("show")) return;
    static const char* kNames = "no_geometry, too_small, in_progress, planned, completed, has_info";
    const toml::array* arr = r.table().get("show")->as_array();
    if (!arr) r.fail("show", std::string("expected an array of strings (") + kNames + ")");
    sel = CalloutSelection{};
    sel.for_no_geometry = sel.for_too_small = sel.for_in_progress = sel.for_planned = sel.for_completed = false;
    sel.for_has_info = false;
    for (const auto& e : *arr) {
        auto v = e.value<std::string>();
        if (!v) r.fail("show", std::string("expected an array of strings (") + kNames + ")");
        if (*v == "no_geometry") sel.for_no_geometry = true;
        else if (*v == "too_small") sel.for_too_small = true;
        else if (*v == "in_progress") sel.for_in_progress = true;
        else if (*v == "planned") sel.for_planned = true;
        else if (*v == "completed") sel.for_completed = true;
        else if (*v == "has_info") sel.for_has_info = true;
        else r.fail("show", "unknown value \"" + *v + "\" (" + kNames + ")");
    }
    if (!sel.for_no_geometry)
        r.fail("show", "\"no_geometry\" cannot be left out: works without geometry are shown only as callouts");
}

}  // namespace ipmap::config_detail
