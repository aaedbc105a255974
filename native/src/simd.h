// Whether the kernels take their SSE2 paths: wherever the target has SSE2. GCC and Clang say so with
// __SSE2__; MSVC does not define it, but every x64 target has SSE2. STATION_NO_SIMD (e.g.
// CXXFLAGS=-DSTATION_NO_SIMD) forces the portable paths, to check them against the reference on x86.
#pragma once
#if (defined(__SSE2__) || defined(_M_X64)) && !defined(STATION_NO_SIMD)
#define STATION_SSE2 1
#include <emmintrin.h>
#endif
