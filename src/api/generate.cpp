// The facade of the data generator (src/generate): options in, examples
// and statistics out.
#include "pappus/generate.hpp"

#include <string>
#include <utility>

#include "api/internal.hpp"

namespace pappus {
namespace api {

generate::GenerateOptions generate_options(const GenerateOptions& o) { return generate::GenerateOptions(o); }

}  // namespace api

namespace {

Error invalid(std::string message) {
  Error e;
  e.message = std::move(message);
  return e;
}

GenerateStats public_stats(const generate::RunStats& s) {
  return GenerateStats{s.figures,    s.empty_figures, s.examples,         s.auxiliary, s.duplicates,
                       s.failed,     s.checker_rejected, s.seconds,    s.not_auxiliary};
}

}  // namespace

std::optional<Error> check_generate_options(const Library& library, const GenerateOptions& o) {
  if (o.figures <= 0 && o.count <= 0) return invalid("give a number of figures or of examples (or both)");
  if (o.threads < 1 || o.threads > defaults::max_threads)
    return invalid("threads must be from 1 to " + std::to_string(defaults::max_threads));
  if (o.shards < 1 || o.shard < 0 || o.shard >= o.shards) return invalid("the shard K/N needs 0 <= K < N");
  if (o.aux_ratio > 1) return invalid("the auxiliary share must be from 0 to 1 (or negative: keep all)");
  if (o.min_points < 3 || o.max_points < o.min_points || o.max_points > 30)
    return invalid("points per figure need 3 <= min_points <= max_points <= 30");
  return generate::check_options(api::generate_options(o), LibraryAccess::data(library)->catalogue);
}

Expected<GenerateStats> generate_dataset(const Library& library, const GenerateOptions& options,
                                         std::unordered_set<std::string>& seen,
                                         const std::function<void(const GeneratedExample&)>& write,
                                         const std::function<void(const GenerateStats&)>& progress,
                                         const std::atomic<bool>* cancel) {
  if (auto bad = check_generate_options(library, options)) return *bad;
  const Library::Data& data = *LibraryAccess::data(library);
  auto write_public = [&](const generate::Example& e) {
    write(GeneratedExample{e.figure, e.seq, e.id, e.problem(), e.aux, e.points, e.proof_steps, e.json()});
  };
  std::function<void(const generate::RunStats&)> progress_public;
  if (progress) progress_public = [&](const generate::RunStats& s) { progress(public_stats(s)); };
  const generate::RunStats stats = generate::run(api::generate_options(options), data.catalogue, data.rules, seen,
                                                 write_public, progress_public, cancel);
  return public_stats(stats);
}

Expected<std::string> dataset_record_id(std::string_view line) {
  auto key = generate::record_key(line);
  if (!key) return key.error();
  return std::move(key->id);
}

Expected<std::vector<std::string>> merge_datasets(const std::vector<std::string>& paths, std::int64_t* duplicates) {
  return generate::merge(paths, duplicates);
}

Expected<std::string> summarize_dataset(const std::string& path) { return generate::summarize(path); }

}  // namespace pappus
