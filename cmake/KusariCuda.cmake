# KUSARI_CUDA=AUTO|ON|OFF. AUTO turns the CUDA backend on when nvcc (/usr/local/cuda/bin) and
# cuDNN are found; the CPU build never needs either.
set(KUSARI_CUDA_ENABLED OFF)
if(NOT KUSARI_CUDA STREQUAL "OFF")
  find_program(KUSARI_NVCC nvcc PATHS /usr/local/cuda/bin NO_DEFAULT_PATH)
  find_library(KUSARI_CUDNN_LIBRARY cudnn PATHS /usr/local/cuda/lib64 /usr/lib/x86_64-linux-gnu)
  set(KUSARI_CUDA_TOOLKIT_FOUND OFF)
  if(KUSARI_NVCC AND KUSARI_CUDNN_LIBRARY)
    set(KUSARI_CUDA_TOOLKIT_FOUND ON)
  endif()
  # The CUDA backend (engine/kusari/device/cuda) is not written yet: until it is, a found
  # toolkit is reported and the build stays CPU-only; asking for ON is an error.
  if(KUSARI_CUDA STREQUAL "ON")
    message(FATAL_ERROR "KUSARI_CUDA=ON: the CUDA backend is not implemented yet; use AUTO or OFF")
  elseif(KUSARI_CUDA_TOOLKIT_FOUND)
    message(STATUS "Kusari: CUDA toolkit and cuDNN found (${KUSARI_NVCC}); the CUDA backend is not written yet, building for the CPU")
  else()
    message(STATUS "Kusari: no CUDA toolkit with cuDNN found; building for the CPU")
  endif()
endif()
