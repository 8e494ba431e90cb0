# Translations (Qt Linguist), included from ui/CMakeLists.txt so the compiled catalogues are
# embedded in redscope_ui (":/i18n/redscope_<lang>.qm"): the app and every GUI test can load
# them, and the package needs no extra files. Qt's own strings (dialog buttons, context menus)
# come from Debian's qt6-translations-l10n at run time (ui/preferences/language.cpp).
#
# HOW TO UPDATE after adding or changing user-visible strings (one command):
#
#     cmake --build build --target update_translations
#
# It runs lupdate over app/ and ui/ and rewrites translations/redscope_zh_CN.ts (new strings
# appear as unfinished, removed ones are dropped) and redscope_en.ts (English plural forms only:
# "%n key(s)" -> "1 key" / "2 keys"). Then translate the unfinished entries (Qt Linguist:
# `linguist translations/redscope_zh_CN.ts`, or edit the XML), and commit both files. The test
# app.translations_complete (tests/app/check_translations.py) fails while any string is missing
# from a .ts, unfinished, obsolete, has placeholders (%1, %n) that differ from its source, or
# while lupdate warns about a tr() it cannot place (a class without Q_OBJECT, a macro it cannot
# see): so a feature cannot land with strings the Chinese UI would show in English.
#
# Rules for translatable code: tr() in a class with Q_OBJECT or Q_DECLARE_TR_FUNCTIONS; outside a
# class QCoreApplication::translate("Context", "text") with a literal context; tables of strings
# with QT_TRANSLATE_NOOP; counts with
# tr("%n key(s)", nullptr, n). Server replies and redis-cli style console output are not
# translated, as redis-cli does not translate them.
set(REDSCOPE_TS_ZH ${PROJECT_SOURCE_DIR}/translations/redscope_zh_CN.ts)
set(REDSCOPE_TS_EN ${PROJECT_SOURCE_DIR}/translations/redscope_en.ts)
# Shared with the test, so the test sees exactly what update_translations would write.
set(REDSCOPE_LUPDATE_OPTIONS -locations none
    -extensions cpp,h)
set(REDSCOPE_LUPDATE_SOURCES ${PROJECT_SOURCE_DIR}/app ${PROJECT_SOURCE_DIR}/ui)

add_custom_target(update_translations
    COMMAND Qt6::lupdate ${REDSCOPE_LUPDATE_OPTIONS} -no-obsolete ${REDSCOPE_LUPDATE_SOURCES}
            -ts ${REDSCOPE_TS_ZH}
    COMMAND Qt6::lupdate ${REDSCOPE_LUPDATE_OPTIONS} -no-obsolete -pluralonly
            ${REDSCOPE_LUPDATE_SOURCES} -ts ${REDSCOPE_TS_EN}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "lupdate: app/ and ui/ -> translations/*.ts"
    VERBATIM)

qt_add_lrelease(redscope_ui TS_FILES ${REDSCOPE_TS_ZH} ${REDSCOPE_TS_EN}
                QM_FILES_OUTPUT_VARIABLE redscope_qm_files)
qt_add_resources(redscope_ui "translations" PREFIX /i18n BASE ${CMAKE_CURRENT_BINARY_DIR}
                 FILES ${redscope_qm_files})
