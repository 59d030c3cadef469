# Replays every fuzz target over its seed corpus and its saved crash inputs in an ordinary
# build (g++ or clang, with or without sanitizers), so that a fixed crash stays fixed:
#   include(${PROJECT_SOURCE_DIR}/tests/fuzz/replay.cmake)   # from tests/CMakeLists.txt
# adds executables fuzz_replay_<name> and ctest entries fuzz_replay.<name> (label "fuzz").
include_guard(GLOBAL)
set(IPMAP_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})

foreach(name config fiscal_year callout_template register)
  add_executable(fuzz_replay_${name} ${IPMAP_FUZZ_DIR}/replay_main.cpp ${IPMAP_FUZZ_DIR}/fuzz_${name}.cpp)
  target_link_libraries(fuzz_replay_${name} PRIVATE ipmap_config ipmap_classify ipmap_works ipmap_io)
  add_test(NAME fuzz_replay.${name}
           COMMAND fuzz_replay_${name} ${IPMAP_FUZZ_DIR}/corpus/${name} ${IPMAP_FUZZ_DIR}/regressions/${name})
  set_tests_properties(fuzz_replay.${name} PROPERTIES LABELS fuzz TIMEOUT 300)
endforeach()
