#pragma once
// Non-fatal problems collected per run: one bad feature never stops the map.
#include <mutex>
#include <string>
#include <vector>

namespace ipmap {

enum class Severity { Info, Warning, Error };

/// One problem, located as precisely as the stage knows it.
struct Diagnostic {
    Severity severity = Severity::Warning;
    std::string stage;    ///< "load", "reproject", "classify", "place", "render", ...
    std::string file;     ///< source or configuration file
    std::string layer;    ///< layer id or OGR layer name
    std::string work_id;  ///< work id when known
    long long row = -1;   ///< 1-based feature row when known
    std::string field;    ///< source column / config key
    std::string value;    ///< offending value (shortened)
    std::string message;  ///< what is wrong
    std::string action;   ///< what ipmap does about it

    /// "file: layer 'x', row 3, id 'K-001', field '進捗率' = '150': message; action"
    std::string to_line() const;
};

/// Collects diagnostics; safe to share between threads.
class Diagnostics {
public:
    void add(Diagnostic d) {
        std::lock_guard lock(mutex_);
        items_.push_back(std::move(d));
    }
    std::vector<Diagnostic> items() const {
        std::lock_guard lock(mutex_);
        return items_;
    }
    /// Lets a later stage complete what an earlier one could not know (e.g. the work id
    /// of a geometry problem found while reading, before fields were mapped).
    template <class F> void annotate(F&& f) {
        std::lock_guard lock(mutex_);
        for (auto& d : items_) f(d);
    }
    std::size_t count(Severity s) const {
        std::lock_guard lock(mutex_);
        std::size_t n = 0;
        for (const auto& d : items_) n += d.severity == s;
        return n;
    }
private:
    mutable std::mutex mutex_;
    std::vector<Diagnostic> items_;
};

}  // namespace ipmap
