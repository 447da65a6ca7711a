# Build options and the toolchain pieces every target shares.
option(KUSARI_PYTHON "Build the kusari Python module (pybind11, NumPy)" ON)
option(KUSARI_STUDIO "Build kusari-studio (Qt 6 Widgets, QScintilla, QCustomPlot)" ON)
option(KUSARI_KERNEL "Build kusari-kernel and its client" ON)
option(KUSARI_TESTS "Build the Qt Test suites (needs Qt 6 Core and Test)" ON)
option(KUSARI_NATIVE "Optimize for this machine's processor (-march=native)" ON)
set(KUSARI_CUDA "AUTO" CACHE STRING "CUDA backend: AUTO (when nvcc and cuDNN are found), ON or OFF")
set(KUSARI_EIGEN_DIR "" CACHE PATH "Directory holding Eigen's headers (default: the system's eigen3)")

# Debian's interpreter, whatever else (pyenv, conda) is first on PATH.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python 3 interpreter")
endif()

if(KUSARI_EIGEN_DIR)
  set(KUSARI_EIGEN_INCLUDE ${KUSARI_EIGEN_DIR})
else()
  find_path(KUSARI_EIGEN_INCLUDE Eigen/Core PATHS /usr/include/eigen3 /usr/local/include/eigen3 REQUIRED)
endif()

find_package(OpenMP REQUIRED COMPONENTS CXX)
