#pragma once
// Private to render/: reproducible PDF metadata (and the atomic TempFile from core).

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/temp_file.hpp"

namespace ipmap::render_detail {

using ipmap::TempFile;

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
