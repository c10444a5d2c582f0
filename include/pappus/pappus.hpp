// pappus: a prover for plane geometry problems, as a library.
//
//   Library   loads the data files once; parses problems and problem files;
//             builds figures, as coordinates or SVG   (pappus/library.hpp)
//   Solver    proves a problem (deduction, then auxiliary points), gives
//             the figure, statistics and the checked proof as structs,
//             text, JSON and an HTML report           (pappus/solver.hpp, proof.hpp)
//             checks a student's step, gives a hint, explains one fact
//                                                     (pappus/tutor.hpp)
//             audits proofs and generated figures     (pappus/audit.hpp)
//             One Solver per thread; cancel() from any thread.
//   generate  synthetic datasets of theorems with proofs (pappus/generate.hpp)
//   defaults  the default limits, shared with the CLI (pappus/defaults.hpp)
//
// The learned proposer of auxiliary points, its training and evaluation
// are in pappus/neural.hpp, a library of its own (pappus_neural, libtorch).
//
// Link with CMake:  find_package(pappus REQUIRED)
//                   target_link_libraries(app PRIVATE pappus::pappus)
// or pkg-config:    pkg-config --cflags --libs pappus
//
// Errors (bad problem text, missing data files, impossible figures) are
// values: Expected<T> holds the result or an Error with a location and a
// hint. The library throws nothing of its own and prints nothing.
//
// Example (tests/CMakeLists.txt compiles and runs the lines between the
// markers as the test api.header_example):
//
// BEGIN EXAMPLE
//   #include <pappus/pappus.hpp>
//   #include <cstdio>
//
//   int main() {
//     auto library = pappus::Library::load();
//     if (!library) return std::fprintf(stderr, "%s\n", library.error().to_string().c_str()), 1;
//     auto problem = library->parse(
//         "a b c = triangle a b c; d = foot d a b c; e = foot e b c a; "
//         "h = on_line h a d, on_line h b e ? perp c h a b");
//     if (!problem) return std::fprintf(stderr, "%s\n", problem.error().to_string().c_str()), 1;
//
//     pappus::Solver solver(*library);
//     pappus::SolveOptions options;
//     options.time_limit_s = 10;
//     auto result = solver.solve(*problem, options);
//     if (!result || result->status != pappus::SolveStatus::Proved) return 1;
//     for (const pappus::ProofStep& step : result->proof->steps)
//       std::printf("%d. %s\n", step.number, step.text.c_str());
//
//     // A student claims AD ⊥ BC: true, and given by the construction of d.
//     auto check = solver.check_step(*problem, "perp a d b c");
//     if (!check || !check->true_in_figure || !check->derivable) return 1;
//     // What to do next, having established nothing yet.
//     auto hint = solver.hint(*problem, {});
//     if (!hint || hint->kind != pappus::Hint::Kind::Step) return 1;
//     std::printf("hint: %s\n", hint->text.c_str());
//     return 0;
//   }
// END EXAMPLE
#pragma once

#include "pappus/audit.hpp"
#include "pappus/defaults.hpp"
#include "pappus/error.hpp"
#include "pappus/generate.hpp"
#include "pappus/ids.hpp"
#include "pappus/library.hpp"
#include "pappus/problem.hpp"
#include "pappus/proof.hpp"
#include "pappus/ranking.hpp"
#include "pappus/solver.hpp"
#include "pappus/tutor.hpp"
#include "pappus/version.hpp"
