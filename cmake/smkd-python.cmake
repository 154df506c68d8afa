# Python bindings (pybind11) of the smkd module, for both builds: the extension
# _smkd and the package files (smkd_binding_sources and smkd_python_files, in
# CMakeLists.txt) staged in ${SMKD_PYTHON_DIR}/smkd, so that
# PYTHONPATH=${SMKD_PYTHON_DIR} imports them. Without pybind11 or Python's
# development files the C++ build goes on alone.
#
# Input: SMKD_PYTHON_LIBRARY, the module's library target (smkd standalone,
# libsmkd in an ns-3 tree); SMKD_PYTHON_DIR, the staging directory.

option(SMKD_PYTHON "Build the Python bindings when pybind11 is available" ON)
if(SMKD_PYTHON)
  find_package(Python3 COMPONENTS Interpreter Development.Module)
  set(PYBIND11_FINDPYTHON ON)
  find_package(pybind11 CONFIG QUIET)
endif()
if(SMKD_PYTHON AND pybind11_FOUND AND Python3_Development.Module_FOUND)
  # NO_EXTRAS: no link-time optimisation, which would double the link time.
  pybind11_add_module(_smkd NO_EXTRAS ${smkd_binding_sources})
  target_link_libraries(_smkd PRIVATE ${SMKD_PYTHON_LIBRARY})
  # The bindings include their shared header as "bind-common.h".
  target_include_directories(_smkd PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/bindings)
  # ns-3's in-tree builds may turn warnings into errors; pybind11's headers are not ours.
  target_compile_options(_smkd PRIVATE -Wno-error)
  set_target_properties(_smkd PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${SMKD_PYTHON_DIR}/smkd)
  # Find the module's library (and ns-3's, in-tree) from the staging directory
  # without LD_LIBRARY_PATH.
  set_target_properties(_smkd PROPERTIES BUILD_RPATH "$<TARGET_FILE_DIR:${SMKD_PYTHON_LIBRARY}>")
  set(_smkd_python_outputs)
  foreach(_f ${smkd_python_files})
    get_filename_component(_name ${_f} NAME)
    add_custom_command(
      OUTPUT ${SMKD_PYTHON_DIR}/smkd/${_name}
      COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/${_f}
              ${SMKD_PYTHON_DIR}/smkd/${_name}
      DEPENDS ${_f}
    )
    list(APPEND _smkd_python_outputs ${SMKD_PYTHON_DIR}/smkd/${_name})
  endforeach()
  add_custom_target(smkd-python-files ALL DEPENDS ${_smkd_python_outputs})
  add_dependencies(_smkd smkd-python-files)
elseif(SMKD_PYTHON)
  message(STATUS "smkd: pybind11 or the Python development files not found: "
                 "Python bindings skipped (install pybind11-dev python3-dev)")
endif()
