// Node-API entry points of the fingerprint engine. Arguments are checked here (a wrong length is a
// programming error in the TypeScript caller and throws a TypeError, never reads out of bounds).
#include <napi.h>
#include <cstdlib>
#include <cstring>
#include "kernels.h"

namespace {

// Bumped together with ADDON_ABI_VERSION in electron/biometrics/native.ts.
constexpr int kAbiVersion = 3;

template <typename T> constexpr napi_typedarray_type kArrayType = napi_uint8_array;
template <> constexpr napi_typedarray_type kArrayType<float> = napi_float32_array;
template <> constexpr napi_typedarray_type kArrayType<int32_t> = napi_int32_array;
template <> constexpr napi_typedarray_type kArrayType<int8_t> = napi_int8_array;

template <typename T>
Napi::TypedArrayOf<T> Typed(const Napi::Env& env, const Napi::Value& v, size_t minLength, const char* what) {
  if (!v.IsTypedArray()) throw Napi::TypeError::New(env, std::string(what) + " must be a typed array");
  if (v.As<Napi::TypedArray>().TypedArrayType() != kArrayType<T>) throw Napi::TypeError::New(env, std::string(what) + " has the wrong element type");
  auto arr = v.As<Napi::TypedArrayOf<T>>();
  if (arr.ElementLength() < minLength) throw Napi::TypeError::New(env, std::string(what) + " is too short");
  return arr;
}

int Int(const Napi::Env& env, const Napi::Value& v, const char* what, int min) {
  if (!v.IsNumber()) throw Napi::TypeError::New(env, std::string(what) + " must be a number");
  const int n = v.As<Napi::Number>().Int32Value();
  if (n < min) throw Napi::RangeError::New(env, std::string(what) + " is out of range");
  return n;
}

Napi::Float32Array ToFloat32(const Napi::Env& env, const std::vector<float>& v) {
  auto out = Napi::Float32Array::New(env, v.size());
  std::memcpy(out.Data(), v.data(), v.size() * sizeof(float));
  return out;
}

Napi::Value OrientationField(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int w = Int(env, info[1], "width", 3), h = Int(env, info[2], "height", 3);
  auto pixels = Typed<uint8_t>(env, info[0], static_cast<size_t>(w) * h, "pixels");
  const int r1 = Int(env, info[3], "gradientRadius", 1), r2 = Int(env, info[4], "smoothingRadius", 1);
  station::OrientationResult r = station::OrientationField(pixels.Data(), w, h, r1, r2);
  auto out = Napi::Object::New(env);
  out.Set("cos2", ToFloat32(env, r.cos2));
  out.Set("sin2", ToFloat32(env, r.sin2));
  out.Set("coherence", ToFloat32(env, r.coherence));
  return out;
}

// Reads {start, offset, weight, radius} and checks every entry stays inside the image for pixels at
// least `radius` from the border, which is where the kernel applies it.
station::SparseKernels Sparse(const Napi::Env& env, const Napi::Value& v, const char* what, int width, int height) {
  if (!v.IsObject()) throw Napi::TypeError::New(env, std::string(what) + " must be an object");
  auto o = v.As<Napi::Object>();
  auto start = Typed<int32_t>(env, o.Get("start"), 2, what);
  auto offset = Typed<int32_t>(env, o.Get("offset"), 0, what);
  auto weight = Typed<float>(env, o.Get("weight"), offset.ElementLength(), what);
  auto dx = Typed<int8_t>(env, o.Get("dx"), offset.ElementLength(), what);
  auto dy = Typed<int8_t>(env, o.Get("dy"), offset.ElementLength(), what);
  station::SparseKernels k{start.Data(), offset.Data(), weight.Data(), dx.Data(), dy.Data(), static_cast<int>(start.ElementLength() - 1), Int(env, o.Get("radius"), what, 0)};
  if (2 * k.radius + 1 > width || 2 * k.radius + 1 > height) throw Napi::RangeError::New(env, std::string(what) + " is larger than the image");
  const int32_t reach = k.radius * width + k.radius;
  for (int j = 0; j < k.count; j++) {
    if (k.start[j] < 0 || k.start[j] > k.start[j + 1] || static_cast<size_t>(k.start[j + 1]) > offset.ElementLength()) throw Napi::RangeError::New(env, std::string(what) + " has a bad start table");
  }
  for (size_t e = 0; e < offset.ElementLength(); e++) {
    if (k.offset[e] < -reach || k.offset[e] > reach || k.offset[e] != k.dy[e] * width + k.dx[e] || std::abs(k.dx[e]) > k.radius || std::abs(k.dy[e]) > k.radius) {
      throw Napi::RangeError::New(env, std::string(what) + " has an offset beyond its radius");
    }
  }
  return k;
}

Napi::Value Enhance(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (!info[0].IsObject()) throw Napi::TypeError::New(env, "enhance expects one input object");
  auto o = info[0].As<Napi::Object>();
  station::EnhanceInput in{};
  in.width = Int(env, o.Get("width"), "width", 3);
  in.height = Int(env, o.Get("height"), "height", 3);
  in.periods = Int(env, o.Get("periods"), "periods", 1);
  const size_t n = static_cast<size_t>(in.width) * in.height;
  in.pixels = Typed<uint8_t>(env, o.Get("pixels"), n, "pixels").Data();
  in.mask = Typed<uint8_t>(env, o.Get("mask"), n, "mask").Data();
  in.smoothMask = Typed<uint8_t>(env, o.Get("smoothMask"), n, "smoothMask").Data();
  auto dir = Typed<uint8_t>(env, o.Get("directionIndex"), n, "directionIndex");
  auto per = Typed<uint8_t>(env, o.Get("periodIndex"), n, "periodIndex");
  in.along = Sparse(env, o.Get("along"), "along", in.width, in.height);
  in.across = Sparse(env, o.Get("across"), "across", in.width, in.height);
  const int directions = in.along.count;
  if (in.across.count != directions * in.periods) throw Napi::RangeError::New(env, "across must hold one kernel per direction and period");
  for (size_t i = 0; i < n; i++) {
    if (dir.Data()[i] >= directions || per.Data()[i] >= in.periods) throw Napi::RangeError::New(env, "direction or period index outside its table");
  }
  in.directionIndex = dir.Data();
  in.periodIndex = per.Data();
  auto out = Napi::Float32Array::New(env, n);
  station::Enhance(in, out.Data());
  return out;
}

Napi::Value Thin(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int w = Int(env, info[1], "width", 3), h = Int(env, info[2], "height", 3);
  auto binary = Typed<uint8_t>(env, info[0], static_cast<size_t>(w) * h, "binary");
  auto out = Napi::Uint8Array::New(env, static_cast<size_t>(w) * h);
  station::Thin(binary.Data(), w, h, out.Data());
  return out;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("abiVersion", Napi::Number::New(env, kAbiVersion));
  exports.Set("orientationField", Napi::Function::New(env, OrientationField, "orientationField"));
  exports.Set("enhance", Napi::Function::New(env, Enhance, "enhance"));
  exports.Set("thin", Napi::Function::New(env, Thin, "thin"));
  return exports;
}

}  // namespace

NODE_API_MODULE(station_biometrics, Init)
