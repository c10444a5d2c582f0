// The version of pappus (semantic versioning: a change of MAJOR breaks the
// public API of include/pappus/, MINOR adds to it, PATCH fixes). CMake reads
// the project version from the three macros below.
#pragma once

#define PAPPUS_VERSION_MAJOR 0
#define PAPPUS_VERSION_MINOR 2
#define PAPPUS_VERSION_PATCH 0

namespace pappus {

inline constexpr int version_major = PAPPUS_VERSION_MAJOR;
inline constexpr int version_minor = PAPPUS_VERSION_MINOR;
inline constexpr int version_patch = PAPPUS_VERSION_PATCH;
// "MAJOR.MINOR.PATCH" of the library linked in (may differ from the header's
// macros when a program is built against one version and linked to another).
const char* version();

}  // namespace pappus
