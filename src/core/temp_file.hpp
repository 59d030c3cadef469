#pragma once
// Atomic outputs: write to a temporary name beside the target, then rename into place,
// so that no reader (nor a --resume after a kill) ever sees a half-written file.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/errors.hpp"
#include "core/temp_owner.hpp"

namespace ipmap {

/// A temporary file beside `path` ("<path>.tmp-<pid>-<start>-<host>-<thread>", see
/// temp_owner.hpp) that commit() renames into place and the destructor removes otherwise.
class TempFile {
public:
    /// `stage` tells apart two temporaries of one target in one thread ("<path>.<stage>.tmp-...").
    explicit TempFile(std::string path, const std::string& stage = "") : path_(std::move(path)) {
        tmp_ = path_ + (stage.empty() ? "" : "." + stage) + temp_suffix();
    }
    ~TempFile() {
        if (!committed_) std::remove(tmp_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::string& name() const { return tmp_; }
    /// Throws OutputError naming the target when the rename fails.
    void commit() {
        if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
            const int err = errno;
            throw OutputError(path_ + ": cannot move " + tmp_ + " into place: " + std::strerror(err));
        }
        committed_ = true;
    }

private:
    std::string path_;
    std::string tmp_;
    bool committed_ = false;
};

}  // namespace ipmap
