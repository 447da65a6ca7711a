# Imported targets for the Debian packages without a usable CMake target:
# QScintilla for Qt 6 (libqscintilla2-qt6-dev) and QCustomPlot's Qt 6 build (libqcustomplot-dev).
find_package(Qt6 REQUIRED COMPONENTS Core Gui Widgets Network PrintSupport)

if(NOT TARGET Kusari::QScintilla)
  find_library(KUSARI_QSCINTILLA_LIBRARY qscintilla2_qt6 REQUIRED)
  find_path(KUSARI_QSCINTILLA_INCLUDE Qsci/qsciscintilla.h PATHS ${Qt6Core_INCLUDE_DIRS}/.. /usr/include/x86_64-linux-gnu/qt6 REQUIRED)
  add_library(Kusari::QScintilla UNKNOWN IMPORTED)
  set_target_properties(Kusari::QScintilla PROPERTIES IMPORTED_LOCATION ${KUSARI_QSCINTILLA_LIBRARY}
                        INTERFACE_INCLUDE_DIRECTORIES ${KUSARI_QSCINTILLA_INCLUDE})
  target_link_libraries(Kusari::QScintilla INTERFACE Qt6::Widgets Qt6::PrintSupport)
endif()

if(NOT TARGET Kusari::QCustomPlot)
  find_library(KUSARI_QCUSTOMPLOT_LIBRARY QCustomPlotQt6 REQUIRED)
  find_path(KUSARI_QCUSTOMPLOT_INCLUDE qcustomplot.h REQUIRED)
  add_library(Kusari::QCustomPlot UNKNOWN IMPORTED)
  set_target_properties(Kusari::QCustomPlot PROPERTIES IMPORTED_LOCATION ${KUSARI_QCUSTOMPLOT_LIBRARY}
                        INTERFACE_INCLUDE_DIRECTORIES ${KUSARI_QCUSTOMPLOT_INCLUDE}
                        INTERFACE_COMPILE_DEFINITIONS QCUSTOMPLOT_USE_LIBRARY)
  target_link_libraries(Kusari::QCustomPlot INTERFACE Qt6::Widgets Qt6::PrintSupport)
endif()
