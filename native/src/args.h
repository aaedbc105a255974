// Argument checks shared by the Node-API bindings. A wrong argument is a programming error in the
// TypeScript caller: it throws a TypeError/RangeError, never reads out of bounds.
#pragma once
#include <napi.h>
#include <cstring>
#include <string>
#include <vector>

namespace station {

template <typename T> constexpr napi_typedarray_type kArrayType = napi_uint8_array;
template <> constexpr napi_typedarray_type kArrayType<float> = napi_float32_array;
template <> constexpr napi_typedarray_type kArrayType<double> = napi_float64_array;
template <> constexpr napi_typedarray_type kArrayType<int32_t> = napi_int32_array;
template <> constexpr napi_typedarray_type kArrayType<int8_t> = napi_int8_array;
template <> constexpr napi_typedarray_type kArrayType<int16_t> = napi_int16_array;

template <typename T>
Napi::TypedArrayOf<T> Typed(const Napi::Env& env, const Napi::Value& v, size_t minLength, const char* what) {
  if (!v.IsTypedArray()) throw Napi::TypeError::New(env, std::string(what) + " must be a typed array");
  if (v.As<Napi::TypedArray>().TypedArrayType() != kArrayType<T>) throw Napi::TypeError::New(env, std::string(what) + " has the wrong element type");
  auto arr = v.As<Napi::TypedArrayOf<T>>();
  if (arr.ElementLength() < minLength) throw Napi::TypeError::New(env, std::string(what) + " is too short");
  return arr;
}

inline int Int(const Napi::Env& env, const Napi::Value& v, const char* what, int min) {
  if (!v.IsNumber()) throw Napi::TypeError::New(env, std::string(what) + " must be a number");
  const int n = v.As<Napi::Number>().Int32Value();
  if (n < min) throw Napi::RangeError::New(env, std::string(what) + " is out of range");
  return n;
}

inline double Number(const Napi::Env& env, const Napi::Value& v, const char* what) {
  if (!v.IsNumber()) throw Napi::TypeError::New(env, std::string(what) + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

template <typename T>
std::vector<T> CopyOf(const Napi::TypedArrayOf<T>& a) {
  return std::vector<T>(a.Data(), a.Data() + a.ElementLength());
}

inline Napi::Int32Array ToInt32(const Napi::Env& env, const std::vector<int32_t>& v) {
  auto out = Napi::Int32Array::New(env, v.size());
  if (!v.empty()) std::memcpy(out.Data(), v.data(), v.size() * sizeof(int32_t));
  return out;
}

inline Napi::Float32Array ToFloat32(const Napi::Env& env, const std::vector<float>& v) {
  auto out = Napi::Float32Array::New(env, v.size());
  std::memcpy(out.Data(), v.data(), v.size() * sizeof(float));
  return out;
}

// The bindings, one per kernel.
Napi::Value EnhanceTablesBinding(const Napi::CallbackInfo& info);
Napi::Value EnhanceBinding(const Napi::CallbackInfo& info);
Napi::Value BlockDeviationBinding(const Napi::CallbackInfo& info);
Napi::Value DistanceBinding(const Napi::CallbackInfo& info);
Napi::Value SignaturesBinding(const Napi::CallbackInfo& info);
Napi::Value BinarizeBinding(const Napi::CallbackInfo& info);
Napi::Value RepairRoundBinding(const Napi::CallbackInfo& info);
Napi::Value MinutiaWalksBinding(const Napi::CallbackInfo& info);

}  // namespace station
