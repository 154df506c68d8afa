# Included by CTest (TEST_INCLUDE_FILES) each time it starts: asks the test
# runner which suites it holds and registers one CTest test per suite, so a
# new TestSuite needs no CMake change.
# In: SMKD_TEST_RUNNER, the path of the built runner; SMKD_LSAN_SUPPRESSIONS,
# LeakSanitizer's suppressions of ns-3's own leaks (used by sanitizer builds).

if(NOT EXISTS "${SMKD_TEST_RUNNER}")
  add_test(smkd-test-runner-missing "${SMKD_TEST_RUNNER}")
  return()
endif()

execute_process(
  COMMAND "${SMKD_TEST_RUNNER}" --print-test-name-list
  OUTPUT_VARIABLE _smkd_suites
  RESULT_VARIABLE _smkd_rc
)
if(NOT _smkd_rc EQUAL 0)
  # Registers a test that runs the failing command again, so ctest reports it.
  add_test(smkd-test-discovery "${SMKD_TEST_RUNNER}" --print-test-name-list)
  return()
endif()

string(REPLACE "\n" ";" _smkd_suites "${_smkd_suites}")
foreach(_suite IN LISTS _smkd_suites)
  string(STRIP "${_suite}" _suite)
  if(_suite MATCHES "^smkd-")
    add_test("${_suite}" "${SMKD_TEST_RUNNER}" "--suite=${_suite}")
    # A suite whose optional tool is missing (e.g. tshark) prints this instead
    # of checking anything: report it as skipped, not as passed.
    set_tests_properties("${_suite}" PROPERTIES SKIP_REGULAR_EXPRESSION "check skipped"
                         ENVIRONMENT "LSAN_OPTIONS=suppressions=${SMKD_LSAN_SUPPRESSIONS}")
  endif()
endforeach()
