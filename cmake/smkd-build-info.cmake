# Writes OUTPUT, a header naming the git commit the module is built from
# ("-dirty" when the work tree has changes; "unknown" outside git). Run at
# every build; the file is only rewritten when the commit changes, so an
# unchanged tree recompiles nothing. Every result records the commit.
execute_process(
  COMMAND git -C "${SOURCE_DIR}" rev-parse HEAD
  OUTPUT_VARIABLE _commit
  OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _rc
  ERROR_QUIET
)
if(NOT _rc EQUAL 0 OR _commit STREQUAL "")
  set(_commit "unknown")
else()
  execute_process(
    COMMAND git -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
    OUTPUT_VARIABLE _changes
    OUTPUT_STRIP_TRAILING_WHITESPACE
    ERROR_QUIET
  )
  if(NOT _changes STREQUAL "")
    string(APPEND _commit "-dirty")
  endif()
endif()
set(_content "// Generated at build time by cmake/smkd-build-info.cmake.\n#define SMKD_GIT_COMMIT \"${_commit}\"\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" _old)
else()
  set(_old "")
endif()
if(NOT _old STREQUAL _content)
  file(WRITE "${OUTPUT}" "${_content}")
endif()
