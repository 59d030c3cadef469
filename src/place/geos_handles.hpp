#pragma once
// Private to src/place: the GEOS RAII owners (src/geos/geos_handles.hpp) under the names the
// engine uses. Every placement call owns its own context, so nothing is shared between threads.
#include "geos/geos_handles.hpp"

namespace ipmap::place::detail {

using geos::CoordSeqDeleter;
using geos::CoordSeqPtr;
using geos::GeomDeleter;
using geos::GeomPtr;
using geos::GeosContext;
using geos::own;
using geos::PreparedDeleter;
using geos::PreparedPtr;
using geos::STRtreeDeleter;
using geos::STRtreePtr;

}  // namespace ipmap::place::detail
