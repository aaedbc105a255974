// Node-API side of the enhancement kernel. The filter tables (a few hundred kilobytes, the same for
// every image of a scanner format) are copied and checked once into an addon-owned object; each
// image then passes only its planes and that handle, so no call re-validates the tables and no later
// change to the JavaScript arrays can make the kernel read outside the image.
#include <cstdlib>
#include <memory>
#include "args.h"
#include "kernels.h"

namespace station {
namespace {

// Tags handles made here, so any other object passed as a table handle is refused.
const napi_type_tag kTablesTag = {0x5d1f0c2a7b3e4f61ULL, 0x9a8c7e6d5b4a3928ULL};

// Copies {start, offset, weight, dx, dy, radius} and checks every entry stays inside the image for
// pixels at least `radius` from the border, which is where the kernel applies it unclamped.
SparseKernels Sparse(const Napi::Env& env, const Napi::Value& v, const char* what, int width) {
  if (!v.IsObject()) throw Napi::TypeError::New(env, std::string(what) + " must be an object");
  auto o = v.As<Napi::Object>();
  auto offset = Typed<int32_t>(env, o.Get("offset"), 0, what);
  const size_t entries = offset.ElementLength();
  SparseKernels k;
  k.start = CopyOf(Typed<int32_t>(env, o.Get("start"), 2, what));
  k.offset = CopyOf(offset);
  k.weight = CopyOf(Typed<int16_t>(env, o.Get("weight"), entries, what));
  k.dx = CopyOf(Typed<int8_t>(env, o.Get("dx"), entries, what));
  k.dy = CopyOf(Typed<int8_t>(env, o.Get("dy"), entries, what));
  k.count = static_cast<int>(k.start.size() - 1);
  k.radius = Int(env, o.Get("radius"), what, 0);
  if (2 * k.radius + 1 > width) throw Napi::RangeError::New(env, std::string(what) + " is larger than the image");
  for (int j = 0; j < k.count; j++) {
    if (k.start[j] < 0 || k.start[j] > k.start[j + 1] || static_cast<size_t>(k.start[j + 1]) > entries) throw Napi::RangeError::New(env, std::string(what) + " has a bad start table");
  }
  for (size_t e = 0; e < entries; e++) {
    if (k.offset[e] != k.dy[e] * width + k.dx[e] || std::abs(k.dx[e]) > k.radius || std::abs(k.dy[e]) > k.radius) {
      throw Napi::RangeError::New(env, std::string(what) + " has an offset beyond its radius");
    }
  }
  // The kernel's 32-bit sums of 16-bit samples cannot overflow while each kernel's absolute weights
  // sum to at most 65,536 (2^16 × 32,767 < 2^31); enhance-tables.ts never builds more.
  for (int j = 0; j < k.count; j++) {
    int64_t absSum = 0;
    for (int e = k.start[j]; e < k.start[j + 1]; e++) absSum += std::abs(static_cast<int>(k.weight[e]));
    if (absSum > 65536) throw Napi::RangeError::New(env, std::string(what) + " has weights too large for 32-bit sums");
  }
  return k;
}

// Lays each kernel's entries out in pairs for the 16-bit multiply-adds (SparseKernels::pairWeight).
void Pair(SparseKernels& k, int paddedWidth) {
  k.pairStart.assign(1, 0);
  k.pairOffset.clear();
  k.pairWeight.clear();
  for (int j = 0; j < k.count; j++) {
    for (int e = k.start[j]; e < k.start[j + 1]; e += 2) {
      const bool second = e + 1 < k.start[j + 1];
      k.pairOffset.push_back(k.dy[e] * paddedWidth + k.dx[e]);
      k.pairOffset.push_back(second ? k.dy[e + 1] * paddedWidth + k.dx[e + 1] : 0);
      const uint32_t w0 = static_cast<uint16_t>(k.weight[e]), w1 = second ? static_cast<uint16_t>(k.weight[e + 1]) : 0;
      k.pairWeight.push_back(static_cast<int32_t>(w0 | (w1 << 16)));
    }
    k.pairStart.push_back(static_cast<int32_t>(k.pairWeight.size()));
  }
}

void Delete(Napi::Env, EnhanceTables* t) { delete t; }

}  // namespace

Napi::Value EnhanceTablesBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (!info[0].IsObject()) throw Napi::TypeError::New(env, "enhanceTables expects the tables object");
  auto o = info[0].As<Napi::Object>();
  auto t = std::make_unique<EnhanceTables>();
  t->width = Int(env, o.Get("width"), "width", 3);
  t->directions = Int(env, o.Get("directions"), "directions", 1);
  t->periods = Int(env, o.Get("periods"), "periods", 1);
  t->minPeriod = Number(env, o.Get("minPeriod"), "minPeriod");
  t->periodStep = Number(env, o.Get("periodStep"), "periodStep");
  if (!(t->periodStep > 0)) throw Napi::RangeError::New(env, "periodStep must be positive");
  t->boundaries = CopyOf(Typed<double>(env, o.Get("boundaries"), 2 * static_cast<size_t>(t->directions), "boundaries"));
  t->along = Sparse(env, o.Get("along"), "along", t->width);
  t->across = Sparse(env, o.Get("across"), "across", t->width);
  if (t->along.count != t->directions) throw Napi::RangeError::New(env, "along must hold one kernel per direction");
  if (t->across.count != t->directions * t->periods) throw Napi::RangeError::New(env, "across must hold one kernel per direction and period");
  t->pad = t->along.radius > t->across.radius ? t->along.radius : t->across.radius;
  t->paddedWidth = t->width + 2 * t->pad;
  for (SparseKernels* k : {&t->along, &t->across}) Pair(*k, t->paddedWidth);
  auto handle = Napi::External<EnhanceTables>::New(env, t.release(), Delete);
  handle.TypeTag(&kTablesTag);
  return handle;
}

// enhance(tables, pixels, width, height, mask, cos2, sin2, period) → Float32Array
Napi::Value EnhanceBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (!info[0].IsExternal() || !info[0].As<Napi::External<EnhanceTables>>().CheckTypeTag(&kTablesTag)) {
    throw Napi::TypeError::New(env, "enhance expects a handle from enhanceTables");
  }
  EnhanceInput in{};
  in.tables = info[0].As<Napi::External<EnhanceTables>>().Data();
  in.width = Int(env, info[2], "width", 3);
  in.height = Int(env, info[3], "height", 3);
  if (in.width != in.tables->width) throw Napi::RangeError::New(env, "the tables were built for another image width");
  const int reach = in.tables->along.radius > in.tables->across.radius ? in.tables->along.radius : in.tables->across.radius;
  if (2 * reach + 1 > in.height) throw Napi::RangeError::New(env, "the image is smaller than the filters");
  const size_t n = static_cast<size_t>(in.width) * in.height;
  in.pixels = Typed<uint8_t>(env, info[1], n, "pixels").Data();
  in.mask = Typed<uint8_t>(env, info[4], n, "mask").Data();
  in.cos2 = Typed<float>(env, info[5], n, "cos2").Data();
  in.sin2 = Typed<float>(env, info[6], n, "sin2").Data();
  in.period = Typed<float>(env, info[7], n, "period").Data();
  auto out = Napi::Float32Array::New(env, n);
  Enhance(in, out.Data());
  return out;
}

}  // namespace station
