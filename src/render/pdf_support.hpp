#pragma once
// Private to render/: atomic output files and reproducible PDF metadata.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sstream>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "core/errors.hpp"

namespace ipmap::render_detail {

/// A temporary file beside `path` that is renamed into place by commit() and removed
/// otherwise, so readers never see a half-written output.
class TempFile {
public:
    explicit TempFile(std::string path) : path_(std::move(path)) {
        std::ostringstream os;
        os << path_ << ".tmp-" << ::getpid() << '-' << std::this_thread::get_id();
        tmp_ = os.str();
    }
    ~TempFile() {
        if (!committed_) std::remove(tmp_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::string& name() const { return tmp_; }
    void commit() {
        if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
            const int err = errno;
            throw OutputError(fmt::format("{}: cannot move {} into place: {}", path_, tmp_,
                                          std::strerror(err)));
        }
        committed_ = true;
    }

private:
    std::string path_;
    std::string tmp_;
    bool committed_ = false;
};

/// ISO 8601 date for the PDF's CreationDate/ModDate: SOURCE_DATE_EPOCH when set
/// (https://reproducible-builds.org/specs/source-date-epoch/), else a constant, so the
/// same scene always gives the same bytes.
inline std::string pdf_date() {
    if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env && *env) {
        char* end = nullptr;
        errno = 0;
        const long long v = std::strtoll(env, &end, 10);
        if (errno == 0 && end && *end == '\0' && v >= 0) {
            const std::time_t t = static_cast<std::time_t>(v);
            std::tm tm{};
            if (gmtime_r(&t, &tm)) {
                char buf[32];
                if (std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0) return buf;
            }
        }
    }
    return "2000-01-01T00:00:00Z";
}


constexpr double kPtPerMm = 72.0 / 25.4;

}  // namespace ipmap::render_detail
