// Node-API entry points of the fingerprint engine. Arguments are checked here (a wrong length is a
// programming error in the TypeScript caller and throws a TypeError, never reads out of bounds).
#include <napi.h>
#include "args.h"
#include "kernels.h"

namespace station {
namespace {

// Bumped together with ADDON_ABI_VERSION in electron/biometrics/native.ts.
constexpr int kAbiVersion = 8;

Napi::Value OrientationBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int w = Int(env, info[1], "width", 3), h = Int(env, info[2], "height", 3);
  auto pixels = Typed<uint8_t>(env, info[0], static_cast<size_t>(w) * h, "pixels");
  const int r1 = Int(env, info[3], "gradientRadius", 1), r2 = Int(env, info[4], "smoothingRadius", 1);
  const size_t n = static_cast<size_t>(w) * h;
  auto cos2 = Napi::Float32Array::New(env, n), sin2 = Napi::Float32Array::New(env, n), coherence = Napi::Float32Array::New(env, n);
  OrientationField(pixels.Data(), w, h, r1, r2, cos2.Data(), sin2.Data(), coherence.Data());
  auto out = Napi::Object::New(env);
  out.Set("cos2", cos2);
  out.Set("sin2", sin2);
  out.Set("coherence", coherence);
  return out;
}

Napi::Value RankNormalizeBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int w = Int(env, info[1], "width", 1), h = Int(env, info[2], "height", 1);
  auto pixels = Typed<uint8_t>(env, info[0], static_cast<size_t>(w) * h, "pixels");
  const int r = Int(env, info[3], "radius", 1);
  auto out = Napi::Uint8Array::New(env, static_cast<size_t>(w) * h);
  RankNormalize(pixels.Data(), w, h, r, out.Data());
  return out;
}

Napi::Value ThinBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int w = Int(env, info[1], "width", 3), h = Int(env, info[2], "height", 3);
  auto binary = Typed<uint8_t>(env, info[0], static_cast<size_t>(w) * h, "binary");
  auto out = Napi::Uint8Array::New(env, static_cast<size_t>(w) * h);
  Thin(binary.Data(), w, h, out.Data());
  return out;
}

}  // namespace

Napi::Object Exports(Napi::Env env, Napi::Object exports) {
  exports.Set("abiVersion", Napi::Number::New(env, kAbiVersion));
  exports.Set("rankNormalize", Napi::Function::New(env, RankNormalizeBinding, "rankNormalize"));
  exports.Set("orientationField", Napi::Function::New(env, OrientationBinding, "orientationField"));
  exports.Set("blockDeviation", Napi::Function::New(env, BlockDeviationBinding, "blockDeviation"));
  exports.Set("distanceToBackground", Napi::Function::New(env, DistanceBinding, "distanceToBackground"));
  exports.Set("signatures", Napi::Function::New(env, SignaturesBinding, "signatures"));
  exports.Set("binarize", Napi::Function::New(env, BinarizeBinding, "binarize"));
  exports.Set("enhanceTables", Napi::Function::New(env, EnhanceTablesBinding, "enhanceTables"));
  exports.Set("enhance", Napi::Function::New(env, EnhanceBinding, "enhance"));
  exports.Set("thin", Napi::Function::New(env, ThinBinding, "thin"));
  exports.Set("repairRound", Napi::Function::New(env, RepairRoundBinding, "repairRound"));
  exports.Set("minutiaWalks", Napi::Function::New(env, MinutiaWalksBinding, "minutiaWalks"));
  return exports;
}

}  // namespace station

namespace {
Napi::Object Init(Napi::Env env, Napi::Object exports) { return station::Exports(env, exports); }
}  // namespace

NODE_API_MODULE(station_biometrics, Init)
