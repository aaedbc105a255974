// Math.round (nearest integer, halves towards +infinity) clamped to [0, max]: how the TypeScript
// references turn a sample position or a period into an index. Without a floor() call (a library call
// on baseline x86-64) and without data-dependent branches: half the values round each way, so a
// branch would be mispredicted about every other time. Out-of-range values go to 0 or max, NaN to 0.
#pragma once

namespace station {

inline int RoundClamp(double q, int max) {
  if (!(q > -1e9 && q < 1e9)) return q > 0 ? max : 0;
  int t = static_cast<int>(q);             // towards zero
  t -= static_cast<double>(t) > q;         // floor
  t += q - static_cast<double>(t) >= 0.5;  // round half up
  t = t < 0 ? 0 : t;
  return t > max ? max : t;
}

}  // namespace station
