#pragma once
// Page order of a finished PDF, changed without re-drawing anything (qpdf).
#include <string>

namespace ipmap {

/// Rewrites `in` as `out` with its last `pages` pages moved, in their order, to the front,
/// and its last `bookmarks` top-level bookmarks moved to the front of the outline. Streams
/// are copied as they are; the document ID is derived from the content, so equal inputs
/// give equal files. Throws OutputError naming `in` or `out`.
void move_tail_to_front(const std::string& in, const std::string& out, int pages, int bookmarks);

}  // namespace ipmap
