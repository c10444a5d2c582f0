// Built by ctest cli.no_internal_headers with the CLI's include path and
// libraries: it must not compile, since the CLI sees public headers only.
#include "engine/engine.hpp"
