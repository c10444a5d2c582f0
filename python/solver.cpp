// pappus.Solver: solve, check_step, hint, explain (the GIL released while
// they run; cancel() from another thread), and what they return.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <signal.h>

#include <atomic>
#include <optional>

#include <pappus/neural.hpp>
#include <pappus/ranking.hpp>

#include "bindings.hpp"

namespace pappus::python {

namespace {

// A Solver with a guard: the C++ Solver takes one call at a time, and
// Python threads could start two at once on one object.
struct PySolver {
  explicit PySolver(const Library& library) : solver(library) {}
  Solver solver;
  std::atomic<bool> busy{false};
};

// Marks the solver busy for one call; raises when another call runs.
class BusyGuard {
 public:
  explicit BusyGuard(PySolver& s) : s_(s) {
    if (s_.busy.exchange(true))
      throw std::runtime_error("this pappus.Solver is running another call; use one Solver per thread");
  }
  ~BusyGuard() { s_.busy.store(false); }
  BusyGuard(const BusyGuard&) = delete;
  BusyGuard& operator=(const BusyGuard&) = delete;

 private:
  PySolver& s_;
};

// A solve's result with the problem it solved (for its JSON document).
struct Result {
  SolveResult result;
  Problem problem;
};

const char* const kOptionNames[] = {"time_limit_s", "threads", "depth", "beam", "max_facts", "max_nodes",
                                    "max_memory_mib", "proposer", "seed", "given_aux", "on_progress"};

// `value` as a T; a TypeError naming the option when it is not one.
template <class T>
T get(py::handle value, const std::string& name) {
  try {
    return value.cast<T>();
  } catch (const py::cast_error&) {
    throw py::type_error(name + ": " + py::str(py::type::of(value).attr("__name__")).cast<std::string>() +
                         " is not a valid value");
  }
}

// SolveOptions from keyword arguments, and the Python progress callback:
// called with the GIL taken; an exception it raises cancels the call and
// is raised again when the call returns.
class CallOptions {
 public:
  explicit CallOptions(PySolver& solver, const py::kwargs& kwargs) : solver_(solver) {
    std::vector<std::string> names(std::begin(kOptionNames), std::end(kOptionNames));
    for (const auto& [key, value] : kwargs) {
      const std::string name = py::str(key);
      if (name == "time_limit_s") options.time_limit_s = get<double>(value, name);
      else if (name == "threads") options.threads = get<int>(value, name);
      else if (name == "depth") options.depth = get<int>(value, name);
      else if (name == "beam") options.beam = get<int>(value, name);
      else if (name == "max_facts") options.max_facts = get<std::int64_t>(value, name);
      else if (name == "max_nodes") options.max_nodes = get<std::int64_t>(value, name);
      else if (name == "max_memory_mib") options.max_memory_mib = get<std::int64_t>(value, name);
      else if (name == "proposer")
        options.proposer = py::isinstance<Proposer>(value) ? value.cast<Proposer>() : Proposer(get<std::string>(value, name));
      else if (name == "seed") options.seed = get<std::uint64_t>(value, name);
      else if (name == "given_aux") options.given_aux = get<bool>(value, name);
      else if (name == "on_progress") progress_ = py::reinterpret_borrow<py::object>(value);
      else {
        std::string message = "unexpected keyword argument '" + name + "'";
        const auto near = similar_names(names, name, 1);
        if (!near.empty()) message += "; did you mean '" + near[0] + "'?";
        throw py::type_error(message);
      }
    }
    check(options.time_limit_s > 0 && options.time_limit_s <= 7 * 24 * 3600, "time_limit_s", "seconds in (0, 604800]");
    check(options.threads >= 1 && options.threads <= defaults::max_threads, "threads", "1 to 256");
    check(options.depth >= 0 && options.depth <= 16, "depth", "0 to 16");
    check(options.beam >= 1 && options.beam <= 1000, "beam", "1 to 1000");
    check(options.max_facts >= 1, "max_facts", "at least 1");
    check(options.max_nodes >= 1, "max_nodes", "at least 1");
    check(options.max_memory_mib >= 0, "max_memory_mib", "0 (no limit) or more");
    if (!progress_.is_none()) {
      if (!PyCallable_Check(progress_.ptr())) throw py::type_error("on_progress must be callable");
      // The callback holds a borrowed pointer: copies of the std::function
      // made without the GIL touch no reference count.
      options.on_progress = [this, callback = progress_.ptr()](const Progress& p) {
        py::gil_scoped_acquire gil;
        if (error_) return;
        try {
          py::handle{callback}(p);
        } catch (...) {
          error_ = std::current_exception();
          solver_.solver.cancel();
        }
      };
    }
  }
  CallOptions(const CallOptions&) = delete;
  CallOptions& operator=(const CallOptions&) = delete;

  // Raises what the progress callback raised, if anything (GIL held).
  void rethrow() {
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

  SolveOptions options;

 private:
  static void check(bool ok, const char* name, const char* accepts) {
    if (!ok) throw py::value_error(std::string(name) + " expects " + accepts);
  }
  PySolver& solver_;
  py::object progress_ = py::none();
  std::exception_ptr error_;
};

// Ctrl-C while a call runs on Python's main thread: a SIGINT handler of
// ours, installed for the call, cancels the solver (an atomic store, safe
// in a handler) and remembers it; once the call has returned, the previous
// handler is back and the interrupt is passed on to Python's (by default,
// KeyboardInterrupt). Calls on other threads leave signals alone; a call
// nested in a progress callback restores the outer call's target.
class InterruptGuard {
 public:
  explicit InterruptGuard(Solver& solver) {
    static const unsigned long main_thread =
        py::module_::import("threading").attr("main_thread")().attr("ident").cast<unsigned long>();
    if (PyThread_get_thread_ident() != main_thread) return;
    struct sigaction current {};
    if (sigaction(SIGINT, nullptr, &current) != 0 || current.sa_handler == SIG_IGN || current.sa_handler == SIG_DFL)
      return;  // Python does not handle SIGINT: neither do we
    struct sigaction ours {};
    ours.sa_handler = &on_signal;
    sigemptyset(&ours.sa_mask);
    ours.sa_flags = SA_RESTART;
    outer_ = target_.exchange(&solver);
    installed_ = sigaction(SIGINT, &ours, &previous_) == 0;
    if (!installed_) target_.store(outer_);
  }
  ~InterruptGuard() {
    if (!installed_) return;
    sigaction(SIGINT, &previous_, nullptr);
    target_.store(outer_);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // Passes a Ctrl-C that came during the call on to Python's handler
  // (GIL held, the previous handler back): raises what it raises.
  static void raise_if_interrupted() {
    if (!interrupted_.exchange(false)) return;
    PyErr_SetInterrupt();
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  }

 private:
  static void on_signal(int) {
    interrupted_.store(true);
    if (Solver* solver = target_.load()) solver->cancel();
  }
  static inline std::atomic<Solver*> target_{nullptr};  // the call to cancel
  static inline std::atomic<bool> interrupted_{false};  // a SIGINT came
  struct sigaction previous_ {};
  Solver* outer_ = nullptr;
  bool installed_ = false;
};

// Runs `call` on the solver with the GIL released (Ctrl-C cancels it and
// raises KeyboardInterrupt once it has returned). Raises the call's Error
// or the progress callback's exception.
template <class T, class Call>
T run(PySolver& s, const py::kwargs& kwargs, Call call) {
  CallOptions o(s, kwargs);
  BusyGuard busy(s);
  std::optional<Expected<T>> out;
  {
    InterruptGuard interrupt(s.solver);
    py::gil_scoped_release nogil;
    out.emplace(call(s.solver, o.options));
  }
  InterruptGuard::raise_if_interrupted();
  o.rethrow();
  return take(std::move(*out));
}

const char* const kOptionsDoc =
    "Options (keyword only; defaults in pappus.DEFAULTS): time_limit_s, threads, depth (0: deduction only), "
    "beam, max_facts, max_nodes, max_memory_mib (0: no limit), proposer ('learned' or 'heuristic', or a loaded Proposer), seed, given_aux, "
    "on_progress (called with a Progress after each phase, on the calling thread; an exception it raises "
    "cancels the call and is raised). Ctrl-C (KeyboardInterrupt) cancels the call too.";

std::string doc(const char* what) { return std::string(what) + "\n\n" + kOptionsDoc; }

py::dict rejected_dict(const SolveStatistics& s) {
  py::dict out;
  for (const auto& [reason, n] : s.candidates_rejected) out[py::str(reason)] = n;
  return out;
}

void bind_results(py::module_& m) {
  py::enum_<StopReason>(m, "StopReason", "Why a solve stopped.")
      .value("Proved", StopReason::Proved)
      .value("Saturated", StopReason::Saturated)
      .value("SearchExhausted", StopReason::SearchExhausted)
      .value("TimeLimit", StopReason::TimeLimit)
      .value("FactLimit", StopReason::FactLimit)
      .value("PointLimit", StopReason::PointLimit)
      .value("Cancelled", StopReason::Cancelled)
      .value("NodeLimit", StopReason::NodeLimit)
      .value("MemoryLimit", StopReason::MemoryLimit);
  py::enum_<SolveStatus>(m, "SolveStatus", "What a solve found.")
      .value("Proved", SolveStatus::Proved, "proved; the proof passed the independent checker")
      .value("CheckerRejected", SolveStatus::CheckerRejected, "the checker rejected the proof (a bug of pappus)")
      .value("NotProved", SolveStatus::NotProved, "see stop")
      .value("GoalFalse", SolveStatus::GoalFalse, "a goal is false in the figure")
      .value("CheckedNumerically", SolveStatus::CheckedNumerically,
             "every goal is a numeric-only predicate, true in the figure: checked, never proved");

  py::class_<Progress> progress(m, "Progress", "Where a running solve is (the on_progress callback's argument).");
  py::enum_<Progress::Phase>(progress, "Phase")
      .value("Figure", Progress::Phase::Figure)
      .value("Deduction", Progress::Phase::Deduction)
      .value("Search", Progress::Phase::Search)
      .value("Proof", Progress::Phase::Proof);
  progress.def_readonly("phase", &Progress::phase, "The phase that just finished.")
      .def_readonly("seconds", &Progress::seconds, "Since the solve started.")
      .def_readonly("depth", &Progress::depth, "Auxiliary points in the nodes being tried.")
      .def_readonly("nodes", &Progress::nodes, "Search nodes saturated so far.")
      .def("__repr__", [](const Progress& p) {
        return "<pappus.Progress " + py::str(py::cast(p.phase)).cast<std::string>() + " " +
               std::to_string(p.seconds) + " s>";
      });

  py::class_<ProofStep> step(m, "ProofStep", "One step of a proof; it cites smaller step numbers only.");
  py::enum_<ProofStep::Kind>(step, "Kind")
      .value("Premise", ProofStep::Kind::Premise)
      .value("Rule", ProofStep::Kind::Rule)
      .value("Algebra", ProofStep::Kind::Algebra)
      .value("SameObject", ProofStep::Kind::SameObject)
      .value("Definition", ProofStep::Kind::Definition)
      .value("Part", ProofStep::Kind::Part);
  step.def_readonly("number", &ProofStep::number, "1-based.")
      .def_readonly("kind", &ProofStep::kind)
      .def_readonly("statement", &ProofStep::statement, "In the problem language: 'perp a b c d'.")
      .def_readonly("text", &ProofStep::text, "For people, with its reason.")
      .def_readonly("points", &ProofStep::points)
      .def_readonly("uses", &ProofStep::uses, "Numbers of the steps it follows from.")
      .def_readonly("clause", &ProofStep::clause, "Premise: the 1-based clause that asserts it.")
      .def_readonly("auxiliary", &ProofStep::auxiliary, "Premise: from an auxiliary construction.")
      .def_readonly("rule", &ProofStep::rule, "Rule: the rule's name.")
      .def_readonly("theorem", &ProofStep::theorem, "Rule: the theorem, for people.")
      .def_readonly("table", &ProofStep::table, "Algebra: 'angles', 'ratios' or 'distances'.")
      .def_readonly("coefficients", &ProofStep::coefficients, "Algebra: exact rationals, one per use.")
      .def("__repr__", [](const ProofStep& s) { return "<pappus.ProofStep " + s.text + ">"; });

  py::class_<Proof>(m, "Proof", "A proof: numbered steps, the goals' step numbers, the checker's verdict.")
      .def_readonly("steps", &Proof::steps, "Dependencies first.")
      .def_readonly("goals", &Proof::goals, "Step numbers of the goals.")
      .def_readonly("auxiliary_constructions", &Proof::auxiliary_constructions, "Clauses the search added.")
      .def_readonly("checked", &Proof::checked, "The independent checker verified every step.")
      .def_readonly("check_message", &Proof::check_message, "Why it did not, when checked is False.")
      .def_readonly("json", &Proof::json, "The proof as JSON (README.md, 'Proof output').")
      .def_readonly("text", &Proof::text, "The proof for people: numbered steps.")
      .def("to_dict", [](const Proof& p) { return json_loads(p.json); }, "The JSON as a dict.")
      .def("html", &Proof::html, "A self-contained HTML report: the problem, its figure and the steps.")
      .def("__str__", [](const Proof& p) { return p.text; })
      .def("__repr__", [](const Proof& p) {
        return "<pappus.Proof " + std::to_string(p.steps.size()) + " steps" + (p.checked ? ", checked" : "") + ">";
      });

  py::class_<SolveStatistics>(m, "SolveStatistics", "What a solve did (the final node's engine).")
      .def_readonly("seconds", &SolveStatistics::seconds, "Figure, deduction and search.")
      .def_readonly("check_seconds", &SolveStatistics::check_seconds, "Proof extraction and the checker.")
      .def_readonly("deduction_stop", &SolveStatistics::deduction_stop)
      .def_readonly("proved_by_deduction", &SolveStatistics::proved_by_deduction)
      .def_readonly("rounds", &SolveStatistics::rounds)
      .def_readonly("facts", &SolveStatistics::facts)
      .def_readonly("rule_applications", &SolveStatistics::rule_applications)
      .def_readonly("instances", &SolveStatistics::instances)
      .def_readonly("numeric_rejections", &SolveStatistics::numeric_rejections)
      .def_readonly("numeric_violations", &SolveStatistics::numeric_violations)
      .def_readonly("angle_rows", &SolveStatistics::angle_rows)
      .def_readonly("ratio_rows", &SolveStatistics::ratio_rows)
      .def_readonly("search_nodes", &SolveStatistics::search_nodes)
      .def_readonly("rejected_candidates", &SolveStatistics::rejected_candidates)
      .def_readonly("candidates_generated", &SolveStatistics::candidates_generated)
      .def_readonly("candidates_tried", &SolveStatistics::candidates_tried)
      .def_property_readonly("candidates_rejected", &rejected_dict, "{reason: count}")
      .def_readonly("search_depth", &SolveStatistics::search_depth)
      .def_readonly("first_proof_seconds", &SolveStatistics::first_proof_seconds, "-1: no proof")
      .def_readonly("proof_steps", &SolveStatistics::proof_steps)
      .def_readonly("auxiliary_points", &SolveStatistics::auxiliary_points);

  py::class_<Answer>(m, "Answer", "The answer to a 'find x' goal (acompute, rcompute, lcompute).")
      .def_readonly("query", &Answer::query, "The goal as written: 'acompute a b b c'.")
      .def_readonly("value", &Answer::value, "For people: '60° (π/3)', '3/2', '√2'; '≈ 1.2071' without an exact form.")
      .def_readonly("numeric", &Answer::numeric, "On the figure: radians (acompute), the ratio, or the length.")
      .def_readonly("statement", &Answer::statement, "The exact claim ('aconst a b b c 1pi/3'); '' without one.")
      .def_readonly("proved", &Answer::proved, "The claim is proved and its proof checked.")
      .def("__repr__", [](const Answer& a) {
        return "<pappus.Answer " + a.query + " = " + a.value + (a.proved ? ", proved" : "") + ">";
      });

  py::class_<Result>(m, "SolveResult", "What Solver.solve and Solver.explain return.")
      .def_property_readonly("status", [](const Result& r) { return r.result.status; })
      .def_property_readonly("stop", [](const Result& r) { return r.result.stop; })
      .def_property_readonly("proved", [](const Result& r) { return r.result.status == SolveStatus::Proved; },
                             "Proved, and the proof passed the independent checker.")
      // These three refer into the result (which they keep alive) instead of copying it.
      .def_property_readonly("figure", [](const Result& r) -> const Figure& { return r.result.figure; })
      .def_property_readonly(
          "proof", [](const Result& r) -> const Proof* { return r.result.proof ? &*r.result.proof : nullptr; },
          "None without one.")
      .def_property_readonly("stats", [](const Result& r) -> const SolveStatistics& { return r.result.stats; })
      .def_property_readonly(
          "answers", [](const Result& r) -> const std::vector<Answer>& { return r.result.answers; },
          "One Answer per 'find x' goal, in goal order.")
      .def_property_readonly("json", [](const Result& r) { return to_json(r.result, r.problem); },
                             "The document `pappus solve --format json` prints.")
      .def("to_dict", [](const Result& r) { return json_loads(to_json(r.result, r.problem)); },
           "The JSON document as a dict.")
      .def("__repr__", [](const Result& r) {
        return "<pappus.SolveResult " + std::string(to_string(r.result.status)) + ", " + to_string(r.result.stop) +
               ">";
      });

  py::class_<StepCheck>(m, "StepCheck", "Solver.check_step's answer about one claim.")
      .def_readonly("conclusion", &StepCheck::conclusion, "The claimed statement, normalised.")
      .def_readonly("premises", &StepCheck::premises, "The cited premises, as parsed.")
      .def_readonly("true_in_figure", &StepCheck::true_in_figure)
      .def_readonly("premises_true", &StepCheck::premises_true)
      .def_readonly("follows_in_one_step", &StepCheck::follows_in_one_step,
                    "One theorem takes the cited premises (and `given`) to the conclusion.")
      .def_readonly("rule", &StepCheck::rule)
      .def_readonly("theorem", &StepCheck::theorem)
      .def_readonly("given", &StepCheck::given, "Premises of that theorem the problem gives.")
      .def_readonly("derivable", &StepCheck::derivable, "Deduction derives it from the constructions.")
      .def_readonly("derivation_stop", &StepCheck::derivation_stop)
      .def_readonly("steps_needed", &StepCheck::steps_needed,
                    "Steps of the shortest derivation found: 0 given by a construction, 1 one step, -1 none.")
      .def_readonly("given_by", &StepCheck::given_by, "steps_needed 0: the clause that gives it, and what it says.")
      .def_readonly("given_clause", &StepCheck::given_clause, "That clause, 1-based; 0 when none.")
      .def_readonly("step_reason", &StepCheck::step_reason, "The last step's theorem, or the algebra.")
      .def_readonly("step_rule", &StepCheck::step_rule, "The last step's rule name (empty for algebra).")
      .def_readonly("step_uses", &StepCheck::step_uses, "The facts the last step uses.")
      .def_readonly("route", &StepCheck::route, "The shortest derivation's steps for people, dependencies first.")
      .def_readonly("explanation", &StepCheck::explanation, "The verdict for people.")
      .def("__repr__", [](const StepCheck& c) {
        return "<pappus.StepCheck " + c.conclusion + (c.true_in_figure ? " true" : " false") +
               (c.derivable ? ", derivable" : "") + ">";
      });

  py::class_<Hint> hint(m, "Hint", "Solver.hint's answer: the next useful step toward the goal.");
  py::enum_<Hint::Kind>(hint, "Kind")
      .value("Step", Hint::Kind::Step)
      .value("AuxiliaryPoint", Hint::Kind::AuxiliaryPoint)
      .value("Done", Hint::Kind::Done)
      .value("NoneFound", Hint::Kind::NoneFound);
  hint.def_readonly("kind", &Hint::kind)
      .def_readonly("statement", &Hint::statement, "Step: the fact to prove next.")
      .def_readonly("text", &Hint::text, "Step: the fact and reason, for people.")
      .def_readonly("reason", &Hint::reason, "Step: the theorem, 'angle chasing', 'ratio chasing', or 'given'.")
      .def_readonly("rule", &Hint::rule, "Step: the rule's name (empty for algebra and given facts).")
      .def_readonly("uses", &Hint::uses, "Step: the facts it follows from.")
      .def_readonly("given_by", &Hint::given_by, "Step noticing a given goal: the clause that gives it.")
      .def_readonly("steps_left", &Hint::steps_left, "Step: steps from the established facts to the goal.")
      .def_readonly("construction", &Hint::construction, "AuxiliaryPoint: the clause to add.")
      .def("__repr__", [](const Hint& h) {
        return "<pappus.Hint " + std::string(to_string(h.kind)) + (h.text.empty() ? h.construction : ": " + h.text) +
               ">";
      });
}

}  // namespace

void bind_solver(py::module_& m) {
  bind_results(m);
  py::class_<Proposer>(m, "Proposer",
                       "Who proposes auxiliary points: load_neural_proposer's learned, combined or ranked proposer, for "
                       "the proposer option (which also takes the names 'learned', the default, and 'heuristic').")
      .def_property_readonly("name", &Proposer::name)
      .def("__repr__", [](const Proposer& p) { return "<pappus.Proposer " + p.name() + ">"; });
  m.def(
      "load_neural_proposer",
      [](const Library& library, std::optional<std::string> model, int decode_beam, bool combined, bool ranked,
         int rank_pool, int model_depth) {
        if (decode_beam < 1 || rank_pool < 1 || model_depth < -1)
          throw py::value_error("decode_beam and rank_pool must be at least 1, model_depth at least -1");
        NeuralProposerOptions options;
        if (model) options.model = *model;
        options.decode_beam = decode_beam;
        options.combined = combined;
        options.ranked = ranked;
        options.rank_pool = rank_pool;
        options.model_depth = model_depth;
        std::optional<Expected<Proposer>> out;
        {
          py::gil_scoped_release nogil;
          out.emplace(load_neural_proposer(library, options));
        }
        return take(std::move(*out));
      },
      py::arg("library"), py::kw_only(), py::arg("model") = py::none(), py::arg("decode_beam") = defaults::decode_beam,
      py::arg("combined") = false, py::arg("ranked") = false, py::arg("rank_pool") = NeuralProposerOptions{}.rank_pool,
      py::arg("model_depth") = NeuralProposerOptions{}.model_depth,
      "The learned proposer (combined=True: its candidates, then the heuristic's; ranked=True: the heuristic's "
      "rank_pool candidates and the model's beam ordered by the model's likelihood; model_depth: the model "
      "proposes at nodes with at most that many auxiliary points, the heuristic deeper, -1: every node), loaded "
      "once from model (a "
      "file or directory; default models/proposer) through the neural plugin (libpappus_neural, built where "
      "libtorch is found), for Solver's proposer option. Raises pappus.Error without the plugin or with an "
      "unreadable model.");
  m.def(
      "load_learned_proposer",
      [](const Library& library, std::optional<std::string> ranker) {
        return take(load_learned_proposer(library, ranker.value_or("")));
      },
      py::arg("library"), py::kw_only(), py::arg("ranker") = py::none(),
      "The heuristic proposer with its candidates ordered by the learned ranking in ranker (a weights file; "
      "default models/ranker.tsv) and by its own score in turn, for Solver's proposer option (its name is "
      "'learned'; no plugin needed). Raises pappus.Error when the file cannot be read or names an unknown feature.");
  py::class_<PySolver>(m, "Solver",
                       "Proves problems and answers tutoring questions. One call at a time per Solver (use one "
                       "per thread); the GIL is released while a call runs, and cancel() may come from another "
                       "thread.")
      .def(py::init<const Library&>(), py::arg("library"))
      .def(
          "solve",
          [](PySolver& s, const Problem& problem, const py::kwargs& kwargs) {
            auto r = run<SolveResult>(s, kwargs, [&](Solver& solver, const SolveOptions& o) {
              return solver.solve(problem, o);
            });
            return Result{std::move(r), problem};
          },
          py::arg("problem"),
          doc("Builds the figure, deduces, and searches for auxiliary points when deduction alone does not "
              "prove the goals; the proof is re-verified by the independent checker. Raises pappus.Error for "
              "a problem without a goal, a figure that cannot be built, an unknown proposer.")
              .c_str())
      .def(
          "check_step",
          [](PySolver& s, const Problem& problem, std::string_view claim, const py::kwargs& kwargs) {
            return run<StepCheck>(s, kwargs, [&](Solver& solver, const SolveOptions& o) {
              return solver.check_step(problem, claim, o);
            });
          },
          py::arg("problem"), py::arg("claim"),
          doc("Checks a student's claim: 'perp a h b c' or 'cong o a o b, cong o b o c => circle o a b c'. "
              "Raises pappus.Error for a claim that does not parse.")
              .c_str())
      .def(
          "hint",
          [](PySolver& s, const Problem& problem, const std::vector<std::string>& established,
             const py::kwargs& kwargs) {
            return run<Hint>(s, kwargs, [&](Solver& solver, const SolveOptions& o) {
              return solver.hint(problem, established, o);
            });
          },
          py::arg("problem"), py::arg("established") = std::vector<std::string>{},
          doc("The next proof step the student lacks, given the facts established so far, or the auxiliary "
              "point to add.")
              .c_str())
      .def(
          "explain",
          [](PySolver& s, const Problem& problem, std::string_view fact, const py::kwargs& kwargs) {
            auto r = run<SolveResult>(s, kwargs, [&](Solver& solver, const SolveOptions& o) {
              return solver.explain(problem, fact, o);
            });
            return Result{std::move(r), problem};
          },
          py::arg("problem"), py::arg("fact"), doc("Proves one fact of the problem's figure.").c_str())
      .def(
          "cancel", [](PySolver& s) { s.solver.cancel(); },
          "Stops the call running on this solver, from any thread, within about 100 ms: a solve returns "
          "with StopReason.Cancelled. A cancel() while no call runs has no effect.");
}

}  // namespace pappus::python
