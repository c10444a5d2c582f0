// Catch for the neural tests. libtorch brings glog, whose CHECK macro (abort
// on failure, nothing reported) would replace Catch's CHECK in any file that
// includes a torch header after Catch: torch comes first, glog's CHECK goes,
// then Catch defines its own (glog's header guard keeps it from coming back).
#pragma once

#include <torch/torch.h>

#undef CHECK
#include <catch2/catch.hpp>
