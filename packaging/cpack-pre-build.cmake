# Runs inside cpack for each generator, after the project was installed into the staging
# folder and before the package is made (CPACK_PRE_BUILD_SCRIPTS, set in Packaging.cmake).
#
# The install rules put the server config under <prefix>/etc so that archives stay
# relocatable. A Debian package installs to /usr, where that would be /usr/etc: move it to
# /etc, where Debian policy and the systemd unit expect it (it is listed in conffiles).
if(NOT CPACK_GENERATOR STREQUAL "DEB")
    return()
endif()
set(_root "${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
set(_prefix "${CPACK_PACKAGING_INSTALL_PREFIX}")
if(_prefix STREQUAL "/" OR _prefix STREQUAL "")
    return()
endif()
set(_from "${_root}${_prefix}/etc")
if(IS_DIRECTORY "${_from}")
    file(MAKE_DIRECTORY "${_root}/etc")
    file(GLOB _entries RELATIVE "${_from}" "${_from}/*")
    foreach(_entry IN LISTS _entries)
        file(RENAME "${_from}/${_entry}" "${_root}/etc/${_entry}")
    endforeach()
    file(REMOVE_RECURSE "${_from}")
    message(STATUS "Redscope: moved ${_prefix}/etc to /etc in the Debian package")
endif()
