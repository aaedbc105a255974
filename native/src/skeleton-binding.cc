// Node-API side of the skeleton repair and minutia walk kernels.
#include "args.h"
#include "kernels.h"

namespace station {

// repairRound(skel, width, height, endingSteps, spur, short, bridgeSteps, bridge) → { erase, bridges }
Napi::Value RepairRoundBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int w = Int(env, info[1], "width", 1), h = Int(env, info[2], "height", 1);
  auto skel = Typed<uint8_t>(env, info[0], static_cast<size_t>(w) * h, "skeleton");
  RepairLimits lim{};
  lim.endingSteps = Int(env, info[3], "endingSteps", 0);
  lim.spur = Number(env, info[4], "spur");
  lim.shortLength = Number(env, info[5], "short");
  lim.bridgeSteps = Int(env, info[6], "bridgeSteps", 0);
  lim.bridge = Number(env, info[7], "bridge");
  thread_local std::vector<int32_t> erase, bridges;
  RepairRound(skel.Data(), w, h, lim, erase, bridges);
  auto out = Napi::Object::New(env);
  out.Set("erase", ToInt32(env, erase));
  out.Set("bridges", ToInt32(env, bridges));
  return out;
}

// minutiaWalks(skel, width, height, steps, fragment) → Int32Array of five-int records
Napi::Value MinutiaWalksBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int w = Int(env, info[1], "width", 1), h = Int(env, info[2], "height", 1);
  auto skel = Typed<uint8_t>(env, info[0], static_cast<size_t>(w) * h, "skeleton");
  const int steps = Int(env, info[3], "steps", 1), fragment = Int(env, info[4], "fragment", 0);
  thread_local std::vector<int32_t> records;
  MinutiaWalks(skel.Data(), w, h, steps, fragment, records);
  return ToInt32(env, records);
}

}  // namespace station
