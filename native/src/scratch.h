// Per-thread work buffers reused from one image to the next. Every image of a scanner has the same
// size, and a fresh multi-megabyte allocation costs a page fault and a kernel-side clear per 4 KB,
// which added up to a tenth of the extraction time. Contents are left from the previous call: each
// kernel writes what it reads (or clears it) first.
#pragma once
#include <cstddef>
#include <vector>

namespace station {

// `Slot` tells apart buffers of the same type that are alive at the same time.
template <typename T, int Slot>
T* Scratch(size_t n) {
  thread_local std::vector<T> buffer;
  if (buffer.size() < n) buffer.resize(n);
  return buffer.data();
}

}  // namespace station
