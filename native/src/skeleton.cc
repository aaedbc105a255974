// Skeleton repair's and minutia detection's integer work: pixel classes by crossing number, branch
// starts and walks, a line-for-line port of skeleton.ts and skeleton-kernel.ts. Only pixel indices
// leave this file; every angle is computed in TypeScript for both engines (see skeleton-kernel.ts).
//
// The reference reads outside the image as 0 (a JS typed array gives undefined there), so the
// skeleton is copied into a plane with a zero row (plus one pixel) before and after it; indices
// here are into that plane, and `kPad` is subtracted on the way out.
#include <cstring>
#include "kernels.h"
#include "scratch.h"

namespace station {
namespace {

constexpr int kEnding = 1, kLine = 2, kJunction = 3;  // PixelClass in skeleton.ts
constexpr int kDx[8] = {0, 1, 1, 1, 0, -1, -1, -1};
constexpr int kDy[8] = {-1, -1, 0, 1, 1, 1, 0, -1};

struct CrossingNumbers {
  uint8_t cn[256];
  CrossingNumbers() {
    for (int c = 0; c < 256; c++) {
      int t = 0;
      for (int k = 0; k < 8; k++) if (!((c >> k) & 1) && ((c >> ((k + 1) & 7)) & 1)) t++;
      cn[c] = static_cast<uint8_t>(t);
    }
  }
};
const CrossingNumbers kCrossing;

enum Stop { kStopEnding, kStopJunction, kStopLimit, kStopDead };

class Skeleton {
 public:
  // Scratch slots 100 and up are this file's.
  Skeleton(const uint8_t* skel, int width, int height) : w_(width), n_(static_cast<size_t>(width) * height), pad_(width + 1) {
    const size_t total = n_ + 2 * pad_;
    plane_ = Scratch<uint8_t, 100>(total);
    std::memset(plane_, 0, pad_);
    std::memcpy(plane_ + pad_, skel, n_);
    std::memset(plane_ + pad_ + n_, 0, pad_);
    stamp_ = Scratch<int32_t, 100>(total);
    // Stamps from earlier calls are all below the next id, so the plane needs no clearing per call.
    thread_local int32_t nextId = 0;
    // A walk per branch start: fewer than 8 per pixel.
    if (static_cast<int64_t>(nextId) > 0x7fffffff - 8 * static_cast<int64_t>(total)) {
      std::memset(stamp_, 0, total * sizeof(int32_t));
      nextId = 0;
    }
    id_ = &nextId;
  }

  size_t Pad() const { return pad_; }
  bool Set(size_t p) const { return plane_[p] != 0; }

  int Code(size_t p) const {
    const uint8_t* s = plane_;
    return (s[p - w_] ? 1 : 0) | (s[p - w_ + 1] ? 2 : 0) | (s[p + 1] ? 4 : 0) | (s[p + w_ + 1] ? 8 : 0) |
           (s[p + w_] ? 16 : 0) | (s[p + w_ - 1] ? 32 : 0) | (s[p - 1] ? 64 : 0) | (s[p - w_ - 1] ? 128 : 0);
  }

  int ClassOf(size_t p) const {
    if (!plane_[p]) return 0;
    const int cn = kCrossing.cn[Code(p)];
    return cn == 1 ? kEnding : cn == 2 ? kLine : cn >= 3 ? kJunction : 0;
  }

  // branchStarts: one start per run of set neighbours, its 4-neighbour when the run has one.
  int BranchStarts(size_t p, size_t* starts) const {
    const int code = Code(p);
    int count = 0;
    for (int k = 0; k < 8; k++) {
      const int prev = (k + 7) & 7;
      if (((code >> k) & 1) && !((code >> prev) & 1)) {
        int pick = k;
        for (int j = k; ((code >> (j & 7)) & 1) && j < k + 8; j++) if ((j & 7) % 2 == 0) { pick = j & 7; break; }
        starts[count++] = p + static_cast<ptrdiff_t>(kDy[pick]) * w_ + kDx[pick];
      }
    }
    return count;
  }

  // walk(): the path (first step on) goes to `path`; returns why it stopped.
  Stop Walk(size_t origin, size_t first, int maxSteps, const size_t* avoid, int avoidCount, std::vector<size_t>& path) {
    const int32_t id = ++*id_;
    stamp_[origin] = id;
    for (int a = 0; a < avoidCount; a++) stamp_[avoid[a]] = id;
    path.clear();
    size_t cur = first;
    for (;;) {
      stamp_[cur] = id;
      path.push_back(cur);
      const int cls = ClassOf(cur);
      if (cls == kEnding) return kStopEnding;
      if (cls == kJunction) return kStopJunction;
      if (static_cast<int64_t>(path.size()) >= maxSteps) return kStopLimit;
      size_t next = 0;
      bool found = false;
      for (int pass = 0; pass < 2 && !found; pass++) {
        for (int k = pass; k < 8; k += 2) {
          const size_t j = cur + static_cast<ptrdiff_t>(kDy[k]) * w_ + kDx[k];
          if (plane_[j] && stamp_[j] != id) { next = j; found = true; break; }
        }
      }
      if (!found) return kStopDead;
      cur = next;
    }
  }

 private:
  ptrdiff_t w_;
  size_t n_, pad_;
  uint8_t* plane_;
  int32_t* stamp_;
  int32_t* id_;
};

// The other starts of a junction, which a walk from `starts[skip]` must not enter.
int Others(const size_t* starts, int count, int skip, size_t* out) {
  int m = 0;
  for (int k = 0; k < count; k++) if (k != skip) out[m++] = starts[k];
  return m;
}

}  // namespace

void RepairRound(const uint8_t* skel, int width, int height, const RepairLimits& lim, std::vector<int32_t>& erase, std::vector<int32_t>& bridges) {
  Skeleton s(skel, width, height);
  const size_t pad = s.Pad(), end = pad + static_cast<size_t>(width) * height;
  erase.clear();
  bridges.clear();
  thread_local std::vector<size_t> endings, junctions, path;
  endings.clear();
  junctions.clear();
  for (size_t p = pad; p < end; p++) {
    if (!s.Set(p)) continue;
    const int c = s.ClassOf(p);
    if (c == kEnding) endings.push_back(p);
    else if (c == kJunction) junctions.push_back(p);
  }
  const auto out = [pad](size_t p) { return static_cast<int32_t>(p - pad); };
  size_t starts[8], avoid[8];
  for (const size_t e : endings) {
    if (s.BranchStarts(e, starts) == 0) continue;
    const Stop stop = s.Walk(e, starts[0], lim.endingSteps, nullptr, 0, path);
    const double len = static_cast<double>(path.size());
    if (stop == kStopJunction && len < lim.spur) {
      erase.push_back(out(e));
      for (size_t k = 0; k + 1 < path.size(); k++) erase.push_back(out(path[k]));
    } else if (stop == kStopEnding && len < lim.shortLength) {
      erase.push_back(out(e));
      for (const size_t q : path) erase.push_back(out(q));
    }
  }
  for (const size_t j : junctions) {
    const int count = s.BranchStarts(j, starts);
    for (int k = 0; k < count; k++) {
      if (s.ClassOf(starts[k]) == kJunction) continue;
      const int m = Others(starts, count, k, avoid);
      const Stop stop = s.Walk(j, starts[k], lim.bridgeSteps, avoid, m, path);
      if (stop != kStopJunction || static_cast<double>(path.size()) >= lim.bridge) continue;
      bridges.push_back(out(j));
      bridges.push_back(out(path.back()));
      bridges.push_back(static_cast<int32_t>(path.size() - 1));
      for (size_t q = 0; q + 1 < path.size(); q++) bridges.push_back(out(path[q]));
    }
  }
}

void MinutiaWalks(const uint8_t* skel, int width, int height, int steps, int fragment, std::vector<int32_t>& records) {
  Skeleton s(skel, width, height);
  const size_t pad = s.Pad();
  records.clear();
  if (height < 2) return;
  const size_t n = static_cast<size_t>(width) * height;
  uint8_t* claimed = Scratch<uint8_t, 101>(n + 2 * pad);
  std::memset(claimed, 0, n + 2 * pad);
  thread_local std::vector<size_t> path;
  const auto out = [pad](size_t p) { return static_cast<int32_t>(p - pad); };
  size_t starts[8], avoid[8];
  const int walkSteps = steps > fragment ? steps : fragment;
  for (size_t p = pad + width; p < pad + n - width; p++) {
    if (!s.Set(p)) continue;
    const int cls = s.ClassOf(p);
    if (cls == kEnding) {
      if (s.BranchStarts(p, starts) == 0) continue;
      const Stop stop = s.Walk(p, starts[0], walkSteps, nullptr, 0, path);
      const size_t take = static_cast<size_t>(steps) < path.size() ? static_cast<size_t>(steps) : path.size();
      const int32_t endPixel = take > 0 ? out(path[take - 1]) : 0;
      const bool onFragment = stop == kStopEnding && static_cast<int64_t>(path.size()) < fragment;
      records.insert(records.end(), {out(p), kEnding, endPixel, onFragment ? 1 : 0, 0});
    } else if (cls == kJunction && !claimed[p]) {
      const int count = s.BranchStarts(p, starts);
      for (int k = 0; k < count; k++) if (s.ClassOf(starts[k]) == kJunction) claimed[starts[k]] = 1;
      if (count != 3) continue;
      records.push_back(out(p));
      records.push_back(kJunction);
      for (int k = 0; k < 3; k++) {
        const int m = Others(starts, count, k, avoid);
        s.Walk(p, starts[k], steps, avoid, m, path);
        records.push_back(out(path.back()));
      }
    }
  }
}

}  // namespace station
