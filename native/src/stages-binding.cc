// Node-API side of the segmentation, ridge-period and binarization kernels.
#include "args.h"
#include "kernels.h"

namespace station {

// blockDeviation(pixels, width, height, block) → Float32Array
Napi::Value BlockDeviationBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int w = Int(env, info[1], "width", 1), h = Int(env, info[2], "height", 1);
  auto pixels = Typed<uint8_t>(env, info[0], static_cast<size_t>(w) * h, "pixels");
  const int b = Int(env, info[3], "block", 1);
  return ToFloat32(env, BlockDeviation(pixels.Data(), w, h, b));
}

// distanceToBackground(mask, width, height) → Float32Array
Napi::Value DistanceBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int w = Int(env, info[1], "width", 1), h = Int(env, info[2], "height", 1);
  auto mask = Typed<uint8_t>(env, info[0], static_cast<size_t>(w) * h, "mask");
  auto out = Napi::Float32Array::New(env, static_cast<size_t>(w) * h);
  DistanceToBackground(mask.Data(), w, h, out.Data());
  return out;
}

// signatures({pixels, width, height, length, breadth, cx, cy, tx, ty}) → Float32Array
Napi::Value SignaturesBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (!info[0].IsObject()) throw Napi::TypeError::New(env, "signatures expects one input object");
  auto o = info[0].As<Napi::Object>();
  SignatureInput in{};
  in.width = Int(env, o.Get("width"), "width", 1);
  in.height = Int(env, o.Get("height"), "height", 1);
  in.length = Int(env, o.Get("length"), "length", 1);
  in.breadth = Int(env, o.Get("breadth"), "breadth", 1);
  in.pixels = Typed<uint8_t>(env, o.Get("pixels"), static_cast<size_t>(in.width) * in.height, "pixels").Data();
  auto cx = Typed<int32_t>(env, o.Get("cx"), 0, "cx");
  const size_t blocks = cx.ElementLength();
  in.blocks = static_cast<int>(blocks);
  in.cx = cx.Data();
  in.cy = Typed<int32_t>(env, o.Get("cy"), blocks, "cy").Data();
  in.tx = Typed<double>(env, o.Get("tx"), blocks, "tx").Data();
  in.ty = Typed<double>(env, o.Get("ty"), blocks, "ty").Data();
  auto out = Napi::Float32Array::New(env, blocks * in.length);
  Signatures(in, out.Data());
  return out;
}

// binarize(enhanced, mask, width, height, minArea) → Uint8Array
Napi::Value BinarizeBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int w = Int(env, info[2], "width", 1), h = Int(env, info[3], "height", 1);
  const size_t n = static_cast<size_t>(w) * h;
  auto enhanced = Typed<float>(env, info[0], n, "enhanced");
  auto mask = Typed<uint8_t>(env, info[1], n, "mask");
  const int minArea = Int(env, info[4], "minArea", -0x7fffffff);
  auto out = Napi::Uint8Array::New(env, n);
  Binarize(enhanced.Data(), mask.Data(), w, h, minArea, out.Data());
  return out;
}

}  // namespace station
