// One figure's examples (sample, collect theorems, verify), and the run
// that generates figures on threads and writes their examples in order.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "generate/internal.hpp"

namespace pappus::generate {

using engine::StopReason;

FigureResult generate_figure(std::int64_t index, const GenerateOptions& o, const dsl::Catalogue& cat,
                             const engine::RuleBook& rules, const std::atomic<bool>* cancel) {
  FigureResult result;
  result.index = index;
  auto sampler = Sampler::make(o, cat);
  if (!sampler) return result;
  Rng rng(Rng::mix(o.seed, static_cast<std::uint64_t>(index)));
  auto stages = sample_figure(*sampler, o, cat, rng);
  if (!stages) return result;
  result.text = to_text(stages->back()->problem);
  Candidates candidates = collect_candidates(*stages, *sampler, o, cat, rules, rng, result, cancel);
  if (result.stop != StopReason::Saturated && result.stop != StopReason::FactLimit) return result;
  verify_candidates(candidates, o, cat, rules, rng, result, cancel);
  return result;
}

RunStats run(const GenerateOptions& o, const dsl::Catalogue& cat, const engine::RuleBook& rules,
             std::unordered_set<std::string>& seen, const std::function<void(const Example&)>& write,
             const std::function<void(const RunStats&)>& progress, const std::atomic<bool>* cancel) {
  const auto t0 = std::chrono::steady_clock::now();
  RunStats stats;
  const int shards = std::max(1, o.shards);
  auto figure_of = [&](std::int64_t k) { return o.shard + k * shards; };
  auto in_range = [&](std::int64_t k) { return o.figures <= 0 || figure_of(k) < o.figures; };

  std::mutex mu;
  std::condition_variable cv;
  std::map<std::int64_t, FigureResult> done;
  std::int64_t next = 0, expect = 0;
  bool stop = false;
  std::atomic<bool> halt{false};  // cancels running figures once the count is reached
  const int threads = std::max(1, o.threads);
  const std::int64_t ahead = 4LL * threads;  // figures finished before the writer needs them, at most

  auto worker = [&] {
    for (;;) {
      std::int64_t k;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return stop || next < expect + ahead; });
        if (stop || !in_range(next)) return;
        k = next++;
      }
      // `halt` is set on the user's cancel (by the loop below) and once the count is reached.
      FigureResult r = generate_figure(figure_of(k), o, cat, rules, &halt);
      std::lock_guard lock(mu);
      done.emplace(k, std::move(r));
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);

  for (;;) {
    std::unique_lock lock(mu);
    cv.wait_for(lock, std::chrono::milliseconds(50), [&] { return done.count(expect) > 0 || !in_range(expect); });
    if (cancel && cancel->load()) halt = true;
    if (!in_range(expect) || halt) break;
    auto it = done.find(expect);
    if (it == done.end()) continue;
    FigureResult r = std::move(it->second);
    done.erase(it);
    lock.unlock();
    if (r.stop == StopReason::Cancelled) break;
    ++stats.figures;
    stats.failed += r.failed;
    stats.checker_rejected += r.checker_rejected;
    stats.not_auxiliary += r.not_auxiliary;
    if (r.examples.empty()) ++stats.empty_figures;
    bool full = false;
    for (const auto& e : r.examples) {
      if (!seen.insert(e.id).second) {
        ++stats.duplicates;
        continue;
      }
      write(e);
      ++stats.examples;
      stats.auxiliary += !e.aux.empty();
      if (o.count > 0 && stats.examples >= o.count) {
        full = true;
        break;
      }
    }
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (progress) progress(stats);
    lock.lock();
    ++expect;
    cv.notify_all();
    if (full) break;
  }
  {
    std::lock_guard lock(mu);
    stop = true;
    halt = true;
    cv.notify_all();
  }
  for (auto& t : pool) t.join();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace pappus::generate
