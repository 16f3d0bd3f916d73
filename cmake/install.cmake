# `cmake --install`: the libraries, the public headers under include/dscosim/, and a
# package config so that outside code writes find_package(dscosim) and links
# dscosim::model, dscosim::scenarios, dscosim::fakes, dscosim::server or dscosim::testing
# (docs/library.md). Only the public rooms are installed: model/, scenarios/ (worlds,
# replay, properties) and fakes/ (with fakes/testing/).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(DSCOSIM_INSTALLED_TARGETS dscosim_model dscosim_worlds dscosim_fakes dscosim_server dscosim_client
    dscosim_replay)
set(DSCOSIM_HAS_SCENARIOS OFF)
set(DSCOSIM_HAS_TESTING OFF)
if(TARGET dscosim_properties)
  list(APPEND DSCOSIM_INSTALLED_TARGETS dscosim_properties)
  set(DSCOSIM_HAS_SCENARIOS ON)
endif()
if(TARGET dscosim_fake_server_test)
  list(APPEND DSCOSIM_INSTALLED_TARGETS dscosim_fake_server_test)
  set(DSCOSIM_HAS_TESTING ON)
endif()

install(TARGETS ${DSCOSIM_INSTALLED_TARGETS}
        EXPORT dscosimTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(DIRECTORY model/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/dscosim/model
        FILES_MATCHING PATTERN "*.h")
install(DIRECTORY scenarios/worlds scenarios/replay DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/dscosim/scenarios
        FILES_MATCHING PATTERN "*.h")
if(DSCOSIM_HAS_SCENARIOS)
  install(DIRECTORY scenarios/properties DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/dscosim/scenarios
          FILES_MATCHING PATTERN "*.h")
endif()
# api_common.h is the route handlers' toolbox, not a contract.
install(DIRECTORY fakes/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/dscosim/fakes
        FILES_MATCHING PATTERN "*.h"
        PATTERN "api_common.h" EXCLUDE
        PATTERN "fake_server_test.h" EXCLUDE)
if(DSCOSIM_HAS_TESTING)
  install(FILES fakes/testing/fake_server_test.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/dscosim/fakes/testing)
endif()

set(DSCOSIM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/dscosim)
install(EXPORT dscosimTargets NAMESPACE dscosim:: DESTINATION ${DSCOSIM_CMAKE_DIR})
configure_package_config_file(cmake/dscosimConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/dscosimConfig.cmake
                              INSTALL_DESTINATION ${DSCOSIM_CMAKE_DIR})
# 0.x: a minor version may change the API, so only the same minor version matches.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/dscosimConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/dscosimConfig.cmake ${PROJECT_BINARY_DIR}/dscosimConfigVersion.cmake
        DESTINATION ${DSCOSIM_CMAKE_DIR})
