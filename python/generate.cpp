// pappus.generate: the examples of generate_dataset as a Python iterator.
// The run goes on a thread of its own; the iterator hands its examples
// over, in order, as they come (the GIL released while it waits).
#include <fmt/core.h>
#include <pybind11/stl.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "bindings.hpp"

namespace pappus::python {

namespace {

// Calls `wait` (which waits a short while, about 50 ms, and says whether
// what it waits for happened) with the GIL released until it says so,
// taking the GIL between calls to run Python's signal handlers: false when
// one raised (Ctrl-C: KeyboardInterrupt), whose error is then set. Called
// with the GIL held.
template <class Wait>
bool wait_interruptibly(Wait wait) {
  for (;;) {
    {
      py::gil_scoped_release nogil;
      if (wait()) return true;
    }
    if (PyErr_CheckSignals() != 0) return false;
  }
}

// One run of generate_dataset and the examples it has written that
// Python has not taken yet.
class Generation {
 public:
  Generation(Library library, GenerateOptions options, bool as_json)
      : library_(std::move(library)), options_(std::move(options)), as_json_(as_json) {
    thread_ = std::thread([this] { work(); });
  }
  ~Generation() { stop(); }
  Generation(const Generation&) = delete;
  Generation& operator=(const Generation&) = delete;

  // The next example as a dict (or its JSON line); StopIteration at the
  // end; the run's Error raised after its last example. Waits with the GIL
  // released; Ctrl-C raises KeyboardInterrupt (the run goes on).
  py::object next() {
    std::optional<std::string> line;
    const bool ready = wait_interruptibly([&] {
      std::unique_lock lock(mutex_);
      if (!changed_.wait_for(lock, std::chrono::milliseconds(50), [&] { return !queue_.empty() || done_; }))
        return false;
      if (!queue_.empty()) {
        line = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all();
      }
      return true;
    });
    if (!ready) throw py::error_already_set();  // Ctrl-C; the run goes on until closed
    if (!line) {
      if (error_) {
        Error e = *std::exchange(error_, std::nullopt);
        throw Raised(std::move(e), false);
      }
      throw py::stop_iteration();
    }
    return as_json_ ? py::str(*line) : json_loads(*line);
  }

  // Stops the run (the examples not taken are dropped) and waits for its thread.
  void stop() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      cancel_.store(true);
      queue_.clear();
      changed_.notify_all();
    }
    py::gil_scoped_release nogil;
    thread_.join();
  }

  GenerateStats stats() {
    std::lock_guard lock(mutex_);
    return stats_;
  }

 private:
  static constexpr std::size_t kQueued = 64;  // examples written ahead of the reader, at most

  void work() {
    std::unordered_set<std::string> seen;
    auto write = [&](const GeneratedExample& e) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return queue_.size() < kQueued || cancel_.load(); });
      if (cancel_.load()) return;
      queue_.push_back(e.json);
      changed_.notify_all();
    };
    auto progress = [&](const GenerateStats& s) {
      std::lock_guard lock(mutex_);
      stats_ = s;
    };
    std::optional<Expected<GenerateStats>> run;
    try {
      run.emplace(generate_dataset(library_, options_, seen, write, progress, &cancel_));
    } catch (const std::exception& e) {  // the library throws nothing of its own: bad_alloc
      Error error;
      error.message = std::string("generate failed: ") + e.what();
      run.emplace(std::move(error));
    }
    std::lock_guard lock(mutex_);
    if (*run) stats_ = **run;
    else error_ = run->error();
    done_ = true;
    changed_.notify_all();
  }

  Library library_;
  GenerateOptions options_;
  bool as_json_;
  std::mutex mutex_;                  // guards what follows it
  std::condition_variable changed_;   // an example queued or taken, or the run ended
  std::deque<std::string> queue_;     // JSON lines written, not yet taken
  bool done_ = false;                 // the run has returned
  std::optional<Error> error_;        // its Error
  GenerateStats stats_;               // its counts so far
  std::atomic<bool> cancel_{false};   // stop the run
  std::thread thread_;                // the run (started once the rest is built)
};

}  // namespace

void bind_generate(py::module_& m) {
  py::class_<GenerateStats>(m, "GenerateStats", "Counts of a generate run so far.")
      .def_readonly("figures", &GenerateStats::figures)
      .def_readonly("empty_figures", &GenerateStats::empty_figures)
      .def_readonly("examples", &GenerateStats::examples)
      .def_readonly("auxiliary", &GenerateStats::auxiliary)
      .def_readonly("duplicates", &GenerateStats::duplicates)
      .def_readonly("failed", &GenerateStats::failed)
      .def_readonly("checker_rejected", &GenerateStats::checker_rejected)
      .def_readonly("seconds", &GenerateStats::seconds);

  py::class_<Generation>(m, "Generator",
                         "The examples of a generate run, in the order `pappus generate` writes them. Closing "
                         "it (close(), or a with block) stops the run.")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &Generation::next)
      .def("close", &Generation::stop, "Stops the run; the examples not taken yet are dropped.")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](Generation& g, py::args) { g.stop(); })
      .def_property_readonly(
          "stats",
          [](Generation& g) {
            py::gil_scoped_release nogil;
            return g.stats();
          },
          "The run's counts so far (after each figure).");

  m.def(
      "generate",
      [](const Library& library, std::uint64_t seed, std::int64_t figures, std::int64_t count,
         std::pair<int, int> shard, int threads, std::optional<double> aux_ratio, std::pair<int, int> points,
         std::string mix, int per_figure, std::string goal_mix, int prompt_facts, double time_limit_s,
         std::int64_t max_facts, std::int64_t max_memory_mib, bool as_json) {
        GenerateOptions o;
        o.seed = seed;
        o.figures = figures;
        o.count = count;
        o.shard = shard.first;
        o.shards = shard.second;
        o.threads = threads;
        o.aux_ratio = aux_ratio.value_or(-1);
        o.min_points = points.first;
        o.max_points = points.second;
        o.mix = std::move(mix);
        o.per_figure = per_figure;
        o.goal_mix = std::move(goal_mix);
        o.prompt_facts = prompt_facts;
        o.time_limit_s = time_limit_s;
        o.max_facts = max_facts;
        o.max_memory_mib = max_memory_mib;
        if (figures <= 0 && count <= 0) throw py::value_error("give figures or count (or both)");
        if (threads < 1 || threads > defaults::max_threads) throw py::value_error("threads expects 1 to 256");
        if (o.shards < 1 || o.shard < 0 || o.shard >= o.shards) throw py::value_error("shard expects (K, N), 0 <= K < N");
        if (aux_ratio && (*aux_ratio < 0 || *aux_ratio > 1)) throw py::value_error("aux_ratio expects 0 to 1, or None");
        if (per_figure < 0) throw py::value_error("per_figure expects 0 (every example) or more");
        if (prompt_facts < 0 || prompt_facts > kMaxPromptFacts)
          throw py::value_error(fmt::format("prompt_facts expects 0 to {}", kMaxPromptFacts));
        if (o.min_points < 3 || o.max_points < o.min_points || o.max_points > 30)
          throw py::value_error("points expects (LO, HI) with 3 <= LO <= HI <= 30");
        if (auto bad = check_generate_options(library, o)) throw Raised(*bad, false);
        return std::make_unique<Generation>(library, std::move(o), as_json);
      },
      py::arg("library"), py::kw_only(), py::arg("seed") = defaults::seed, py::arg("figures") = 0,
      py::arg("count") = 0, py::arg("shard") = std::pair<int, int>(0, 1), py::arg("threads") = 1,
      py::arg("aux_ratio") = py::none(), py::arg("points") = std::pair<int, int>(8, 11), py::arg("mix") = "",
      py::arg("per_figure") = GenerateOptions{}.per_figure, py::arg("goal_mix") = "", py::arg("prompt_facts") = 0,
      py::arg("time_limit_s") = defaults::time_limit_s, py::arg("max_facts") = defaults::max_facts,
      py::arg("max_memory_mib") = defaults::max_memory_mib, py::arg("as_json") = false,
      "Synthetic theorems with proofs, as `pappus generate` writes them: yields each verified example as a "
      "dict (the JSON Lines record; as_json=True: the line itself, byte for byte) as the run produces it. "
      "The same seed and options give the same examples as `pappus generate --seed` (shard=(K, N) is "
      "--shard K/N, points=(LO, HI) is --points LO-HI, aux_ratio=None is --aux-ratio all, per_figure is --per-figure, goal_mix "
      "is --goal-mix 'pred=weight,...', prompt_facts is --prompt-facts). Give figures "
      "(figure indices [0, figures)) or count (stop after that many examples), or both.");
}

}  // namespace pappus::python
