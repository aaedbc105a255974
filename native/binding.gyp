{
  "targets": [
    {
      "target_name": "station_biometrics",
      "sources": [
        "src/addon.cc",
        "src/normalize.cc",
        "src/orientation.cc",
        "src/enhance.cc",
        "src/enhance-binding.cc",
        "src/thinning.cc",
        "src/segmentation.cc",
        "src/frequency.cc",
        "src/binarize.cc",
        "src/stages-binding.cc",
        "src/skeleton.cc",
        "src/skeleton-binding.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-O3", "-ffp-contract=off", "-fexceptions"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "OTHER_CPLUSPLUSFLAGS": ["-ffp-contract=off"]
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "ExceptionHandling": 1, "AdditionalOptions": ["/std:c++17", "/fp:precise"] }
      }
    }
  ]
}
