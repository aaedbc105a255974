// Node-API entry points of the fingerprint engine. Arguments are checked here (a wrong length is a
// programming error in the TypeScript caller and throws a TypeError, never reads out of bounds).
#include <napi.h>
#include <cstring>
#include "kernels.h"

namespace {

// Bumped together with ADDON_ABI_VERSION in electron/biometrics/native.ts.
constexpr int kAbiVersion = 1;

template <typename T> constexpr napi_typedarray_type kArrayType = napi_uint8_array;
template <> constexpr napi_typedarray_type kArrayType<float> = napi_float32_array;

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

Napi::Value Enhance(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (!info[0].IsObject()) throw Napi::TypeError::New(env, "enhance expects one input object");
  auto o = info[0].As<Napi::Object>();
  station::EnhanceInput in{};
  in.width = Int(env, o.Get("width"), "width", 3);
  in.height = Int(env, o.Get("height"), "height", 3);
  in.alongTaps = Int(env, o.Get("alongTaps"), "alongTaps", 1);
  in.acrossTaps = Int(env, o.Get("acrossTaps"), "acrossTaps", 1);
  const size_t n = static_cast<size_t>(in.width) * in.height;
  in.pixels = Typed<uint8_t>(env, o.Get("pixels"), n, "pixels").Data();
  in.mask = Typed<uint8_t>(env, o.Get("mask"), n, "mask").Data();
  auto dir = Typed<uint8_t>(env, o.Get("directionIndex"), n, "directionIndex");
  auto per = Typed<uint8_t>(env, o.Get("periodIndex"), n, "periodIndex");
  auto alongW = Typed<float>(env, o.Get("alongWeights"), in.alongTaps, "alongWeights");
  auto acrossW = Typed<float>(env, o.Get("acrossWeights"), in.acrossTaps, "acrossWeights");
  auto alongO = Typed<float>(env, o.Get("alongOffsets"), 2 * static_cast<size_t>(in.alongTaps), "alongOffsets");
  auto acrossO = Typed<float>(env, o.Get("acrossOffsets"), 2 * static_cast<size_t>(in.acrossTaps), "acrossOffsets");
  // Every index used must stay inside its table.
  const size_t directions = alongO.ElementLength() / (2 * in.alongTaps);
  const size_t periods = acrossW.ElementLength() / in.acrossTaps;
  if (acrossO.ElementLength() / (2 * in.acrossTaps) < directions) throw Napi::TypeError::New(env, "acrossOffsets has fewer directions than alongOffsets");
  for (size_t i = 0; i < n; i++) {
    if (dir.Data()[i] >= directions || per.Data()[i] >= periods) throw Napi::RangeError::New(env, "direction or period index outside its table");
  }
  in.directionIndex = dir.Data();
  in.periodIndex = per.Data();
  in.alongWeights = alongW.Data();
  in.acrossWeights = acrossW.Data();
  in.alongOffsets = alongO.Data();
  in.acrossOffsets = acrossO.Data();
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
