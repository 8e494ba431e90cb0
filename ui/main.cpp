// Entry point. --help and --version are answered with a QCoreApplication before any GUI object
// exists, so they work on machines without a display (CI, ssh). A normal start brings up the
// embedded engine (started on a worker thread), the window, and optionally a server given as a
// redis:// or unix:// URL.
#include "connection/connection_settings.h"
#include "connection/connection_store.h"
#include "local/embedded_engine.h"
#include "preferences/language.h"
#include "preferences/theme.h"
#include "process/termination_signals.h"
#include "process/version.h"
#include "window/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>
#include <cstring>

using namespace redscope;

static void describe(QCommandLineParser *parser)
{
    parser->setApplicationDescription(
        QStringLiteral("Redscope: administer and monitor Redis-compatible servers.\n"
                       "Starts with a console on the built-in engine (\"Local engine\")."));
    parser->addHelpOption();
    parser->addVersionOption();
    parser->addPositionalArgument(
        QStringLiteral("url"),
        QStringLiteral("Also open this server: redis://[user:password@]host[:port][/db], "
                       "rediss://... (TLS) or unix:///path/to/redis.sock"),
        QStringLiteral("[url]"));
}

static bool hasOption(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] == '-' && std::strcmp(argv[i], "-") != 0) return true;
    }
    return false;
}

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("Redscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Redscope"));
    QCoreApplication::setApplicationVersion(applicationVersion());

    if (hasOption(argc, argv)) {
        // Only --help, --version or a wrong option: all end the process inside process().
        QCoreApplication app(argc, argv);
        QCommandLineParser parser;
        describe(&parser);
        parser.process(app);
        std::fputs("redscope: unexpected arguments\n", stderr);
        return 1;
    }

    QApplication app(argc, argv);
    Language::install(Language::saved()); // before any widget sets its texts
    app.setWindowIcon(QIcon(QStringLiteral(":/redscope.png")));
    quitOnTerminationSignals(app);
    QCommandLineParser parser;
    describe(&parser);
    parser.process(app);

    ConnectionSettings extra;
    QString urlError;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) parser.showHelp(1);
    if (!positional.isEmpty() &&
        !ConnectionSettings::fromUrl(positional.first(), &extra, &urlError)) {
        std::fprintf(stderr, "redscope: %s\n", qPrintable(urlError));
        return 1;
    }

    EmbeddedEngine engine; // starts below, in the background; stops (and saves) at exit
    ConnectionStore store; // <AppConfigLocation>/connections.json; passwords: keychain
    QString storeError;
    if (!store.load(&storeError)) std::fprintf(stderr, "redscope: %s\n", qPrintable(storeError));
    ThemeManager::instance()->loadSaved(); // before any window: no flash of the wrong theme
    MainWindow window;
    window.setConnectionStore(&store);
    window.setLocalEngine(&engine); // opens its connection once it runs, or says why not
    engine.start();
    if (!positional.isEmpty()) window.openConnection(extra);
    window.show();
    return app.exec();
}
