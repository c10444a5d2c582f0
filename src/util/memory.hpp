// How much memory this process holds, for the approximate memory limits of
// the engine and the search.
#pragma once

#include <cstdint>

namespace pappus::util {

// Resident set size of the process in MiB (from /proc/self/statm); -1
// where the system does not tell.
std::int64_t resident_mib();

}  // namespace pappus::util
