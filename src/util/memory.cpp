#include "util/memory.hpp"

#include <unistd.h>

#include <cstdio>

namespace pappus::util {

std::int64_t resident_mib() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long long total = 0, resident = 0;
  const int read = std::fscanf(f, "%lld %lld", &total, &resident);
  std::fclose(f);
  const long page = sysconf(_SC_PAGESIZE);
  if (read != 2 || page <= 0) return -1;
  return static_cast<std::int64_t>(resident) * page / (1024 * 1024);
}

}  // namespace pappus::util
