# Installers. Included last from the top-level CMakeLists.txt, so every target exists here.
#
# Two halves: install() rules for what a user gets besides the binaries (desktop entry,
# AppStream metainfo, hicolor icons, man pages, systemd unit, default server config), and the
# CPack settings per platform. The binaries themselves are installed where they are defined
# (ui/ and engine/CMakeLists.txt), so a plain `cmake --install` and every package agree.
#
#   Linux:   DEB (redscope_<version>_amd64.deb, Depends from dpkg-shlibdeps) and a relocatable
#            TGZ. Built and checked by packaging/package-test.sh (`make package-test`).
#   Windows: NSIS installer (or `cpack -G WIX`) with Qt deployed by windeployqt.
#   macOS:   DragNDrop .dmg of a Redscope.app bundle deployed by macdeployqt.
# The Windows and macOS halves are written to the CPack/Qt documentation but untested: the
# engine's event loop is epoll-only today, so neither platform builds yet.
#
# The version comes from project() in the top-level CMakeLists.txt, like --version and the
# About box; nothing here repeats it.

include(GNUInstallDirs)

set(REDSCOPE_APP_ID "io.github.redscope.Redscope")
set(REDSCOPE_HOMEPAGE "https://github.com/redscope/redscope"
    CACHE STRING "Project homepage written into the packages")
set(REDSCOPE_PACKAGE_MAINTAINER "The Redscope developers <maintainers@redscope.invalid>"
    CACHE STRING "Maintainer field of the Debian package")

set(_pkg_src ${PROJECT_SOURCE_DIR}/packaging)
set(_pkg_out ${PROJECT_BINARY_DIR}/packaging)

# ---------------------------------------------------------------------------------------------
# Install rules for freedesktop systems (Linux, BSDs)
# ---------------------------------------------------------------------------------------------
if(UNIX AND NOT APPLE)
    # Man pages carry the project version; Debian wants them gzipped (-n: no name/timestamp,
    # so rebuilds are byte-identical).
    find_program(REDSCOPE_GZIP gzip)
    set(_man_pages)
    if(TARGET redscope)
        list(APPEND _man_pages redscope)
    endif()
    if(TARGET redscope-server)
        list(APPEND _man_pages redscope-server)
    endif()
    set(_man_outputs)
    foreach(page IN LISTS _man_pages)
        configure_file(${_pkg_src}/man/${page}.1 ${_pkg_out}/man/${page}.1 @ONLY)
        if(REDSCOPE_GZIP)
            add_custom_command(OUTPUT ${_pkg_out}/man/${page}.1.gz
                COMMAND ${REDSCOPE_GZIP} -9 -n -f -k ${_pkg_out}/man/${page}.1
                DEPENDS ${_pkg_out}/man/${page}.1
                COMMENT "Compressing man page ${page}.1" VERBATIM)
            list(APPEND _man_outputs ${_pkg_out}/man/${page}.1.gz)
            install(FILES ${_pkg_out}/man/${page}.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
        else()
            install(FILES ${_pkg_out}/man/${page}.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
        endif()
    endforeach()
    if(_man_outputs)
        add_custom_target(redscope_man_pages ALL DEPENDS ${_man_outputs})
    endif()

    if(TARGET redscope)
        install(FILES ${PROJECT_SOURCE_DIR}/resources/redscope.desktop
                DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
        install(FILES ${PROJECT_SOURCE_DIR}/resources/redscope.metainfo.xml
                DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo
                RENAME ${REDSCOPE_APP_ID}.metainfo.xml)

        # Icons: the SVG as the scalable icon, PNGs rendered from it for the fixed sizes that
        # menus and docks ask for. Without rsvg-convert (librsvg2-bin) only the checked-in
        # 128x128 PNG is installed.
        set(_icon_svg ${PROJECT_SOURCE_DIR}/resources/redscope.svg)
        set(_hicolor ${CMAKE_INSTALL_DATADIR}/icons/hicolor)
        install(FILES ${_icon_svg} DESTINATION ${_hicolor}/scalable/apps)
        find_program(REDSCOPE_RSVG_CONVERT rsvg-convert)
        if(REDSCOPE_RSVG_CONVERT)
            set(_icon_pngs)
            foreach(size IN ITEMS 16 22 24 32 48 64 128 256 512)
                set(_png ${_pkg_out}/icons/${size}x${size}/redscope.png)
                add_custom_command(OUTPUT ${_png}
                    COMMAND ${CMAKE_COMMAND} -E make_directory ${_pkg_out}/icons/${size}x${size}
                    COMMAND ${REDSCOPE_RSVG_CONVERT} -w ${size} -h ${size} -o ${_png} ${_icon_svg}
                    DEPENDS ${_icon_svg}
                    COMMENT "Rendering ${size}x${size} icon" VERBATIM)
                list(APPEND _icon_pngs ${_png})
                install(FILES ${_png} DESTINATION ${_hicolor}/${size}x${size}/apps)
            endforeach()
            add_custom_target(redscope_icons ALL DEPENDS ${_icon_pngs})
        else()
            message(STATUS "rsvg-convert not found: packages get only the 128x128 PNG icon")
            install(FILES ${PROJECT_SOURCE_DIR}/resources/redscope.png
                    DESTINATION ${_hicolor}/128x128/apps)
        endif()
    endif()

    if(TARGET redscope-server)
        # The service: paths relative to the prefix, so the TGZ stays relocatable. The Debian
        # package moves etc/ from /usr/etc to /etc (packaging/cpack-pre-build.cmake) and marks
        # the config as a conffile.
        install(FILES ${_pkg_src}/redscope-server.conf
                DESTINATION ${CMAKE_INSTALL_SYSCONFDIR}/redscope)
        install(FILES ${_pkg_src}/systemd/redscope-server.service
                DESTINATION lib/systemd/system)
        file(WRITE ${_pkg_out}/deb/conffiles "/etc/redscope/redscope-server.conf\n")
    endif()
endif()

# ---------------------------------------------------------------------------------------------
# Windows and macOS: deploy Qt next to the app (untested here, see the top of this file)
# ---------------------------------------------------------------------------------------------
if(TARGET redscope AND (WIN32 OR APPLE))
    if(WIN32)
        set_target_properties(redscope PROPERTIES WIN32_EXECUTABLE TRUE)
    else()
        # ui/CMakeLists.txt must then install the bundle: BUNDLE DESTINATION . next to
        # RUNTIME DESTINATION bin in its install(TARGETS redscope ...).
        set_target_properties(redscope PROPERTIES
            MACOSX_BUNDLE TRUE
            MACOSX_BUNDLE_BUNDLE_NAME Redscope
            MACOSX_BUNDLE_GUI_IDENTIFIER ${REDSCOPE_APP_ID}
            MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
            MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION})
    endif()
    # Qt 6.5 renamed FILENAME_VARIABLE to OUTPUT_SCRIPT.
    if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
        qt_generate_deploy_app_script(TARGET redscope OUTPUT_SCRIPT _redscope_deploy
                                      NO_UNSUPPORTED_PLATFORM_ERROR)
    else()
        qt_generate_deploy_app_script(TARGET redscope FILENAME_VARIABLE _redscope_deploy
                                      NO_UNSUPPORTED_PLATFORM_ERROR)
    endif()
    install(SCRIPT ${_redscope_deploy})
endif()

# ---------------------------------------------------------------------------------------------
# CPack
# ---------------------------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME redscope)
set(CPACK_PACKAGE_VENDOR "The Redscope developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION [=[
Redscope is a native Qt desktop app to administer and monitor
Redis-compatible servers: browse keys, run commands in a console, watch
pub/sub channels live, and check memory, latency and persistence.

It ships its own Redis-compatible engine, so it works with no server
installed. The same engine is included as redscope-server, a standalone
server for redis-cli and Redis clients, with a systemd unit (not enabled
by default) and a loopback-only configuration.]=])
set(CPACK_PACKAGE_HOMEPAGE_URL ${REDSCOPE_HOMEPAGE})
set(CPACK_PACKAGE_CONTACT ${REDSCOPE_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_INSTALL_DIRECTORY Redscope)
set(CPACK_PACKAGE_EXECUTABLES redscope Redscope)
set(CPACK_PACKAGE_FILE_NAME
    "redscope-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_PRE_BUILD_SCRIPTS ${_pkg_src}/cpack-pre-build.cmake)

if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(CPACK_GENERATOR DEB TGZ)
elseif(WIN32)
    set(CPACK_GENERATOR NSIS ZIP)
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
else()
    set(CPACK_GENERATOR TGZ)
endif()

# Debian: redscope_<version>_amd64.deb; Depends computed by dpkg-shlibdeps (dpkg-dev) from the
# libraries the binaries link. The Qt platform plugins (xcb, wayland) are not linked, so they
# cannot be found that way: xcb ships in libqt6gui6, which shlibdeps does pull in.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The value viewer previews WebP through Qt's image format plugins, loaded at run time: no
# binary links them, so dpkg-shlibdeps cannot add them and they are named here.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-image-formats-plugins")
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${REDSCOPE_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${REDSCOPE_HOMEPAGE})
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "redis-tools, qt6-wayland")
# Redscope's own catalogues are embedded; Qt's strings (dialog buttons, context menus) in the
# user's language come from Debian's Qt translations, and CJK text needs a CJK font.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, fonts-wqy-microhei | fonts-noto-cjk")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
if(EXISTS ${_pkg_out}/deb/conffiles)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${_pkg_out}/deb/conffiles)
endif()

# Archives (TGZ, ZIP): one top-level folder redscope-<version>-<system>-<cpu>/ with bin/,
# share/, etc/ and lib/systemd/ below it; nothing refers to an absolute path, so it can be
# unpacked anywhere. It uses the system's Qt 6 and hiredis (Debian: libqt6widgets6,
# libqt6network6, libhiredis0.14).

# Windows: NSIS by default, WiX on request (cpack -G WIX). The upgrade GUID must never change.
set(CPACK_NSIS_DISPLAY_NAME Redscope)
set(CPACK_NSIS_PACKAGE_NAME Redscope)
set(CPACK_NSIS_URL_INFO_ABOUT ${REDSCOPE_HOMEPAGE})
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\redscope.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON)
set(CPACK_WIX_UPGRADE_GUID "6C3C7E1F-7B4A-4C55-9A2E-3E7D6B1F0A51")
set(CPACK_WIX_PRODUCT_URL ${REDSCOPE_HOMEPAGE})
set(CPACK_WIX_PROGRAM_MENU_FOLDER Redscope)

# macOS: a .dmg holding Redscope.app, with a link to /Applications to drag it onto.
set(CPACK_DMG_VOLUME_NAME "Redscope ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT UDBZ)

set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_PACKAGE_FILE_NAME "redscope-${PROJECT_VERSION}-source")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/" "/\\.cache/" "\\.user$")

include(CPack)
