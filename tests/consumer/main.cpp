// check_step, hint and solve through the installed package. Argument: the
// install prefix, where the data files must have been found.
#include <pappus/pappus.hpp>

#include <cstdio>
#include <string>

namespace {

int fail(const char* what) {
  std::fprintf(stderr, "consumer: %s\n", what);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return fail("usage: consumer PREFIX");
  const std::string prefix = argv[1];
  auto library = pappus::Library::load();
  if (!library) return fail(library.error().to_string().c_str());
  std::printf("pappus %s, data files in %s\n", pappus::version(), library->data_dir().c_str());
  if (library->data_dir().rfind(prefix, 0) != 0) return fail("the data files were not read from the install");

  auto problem = library->parse("a b c = triangle a b c; d = midpoint d a b; e = midpoint e a c ? para d e b c");
  if (!problem) return fail(problem.error().to_string().c_str());
  pappus::Solver solver(*library);

  auto check = solver.check_step(*problem, "midp d a b, midp e a c => para d e b c");
  if (!check || !check->follows_in_one_step || check->rule != "midline") return fail("check_step");
  auto wrong = solver.check_step(*problem, "para d e a b");
  if (!wrong || wrong->true_in_figure || wrong->derivable) return fail("check_step on a false claim");

  auto hint = solver.hint(*problem, {});
  if (!hint || hint->kind != pappus::Hint::Kind::Step || hint->statement != "para d e b c") return fail("hint");
  std::printf("hint: %s\n", hint->text.c_str());

  auto result = solver.solve(*problem);
  if (!result || result->status != pappus::SolveStatus::Proved || !result->proof->checked) return fail("solve");
  std::printf("%s", result->proof->text.c_str());
  return 0;
}
