// The dialog sends through its own request scope: closing it with a load in flight drops the
// reply, and the library list is refreshed by the view on accept() only.
#include "server/function_load_dialog.h"

#include "server/lua_highlighter.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace redscope {

static const char kTemplate[] = "#!lua name=mylib\n"
                                "\n"
                                "redis.register_function{\n"
                                "  function_name = 'myfunc',\n"
                                "  callback = function(keys, args)\n"
                                "    return redis.call('GET', keys[1])\n"
                                "  end,\n"
                                "  flags = { 'no-writes' },\n"
                                "  description = 'Reads one key',\n"
                                "}\n";

FunctionLoadDialog::FunctionLoadDialog(const FunctionService &service, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_editor(new QPlainTextEdit(this))
    , m_replace(new QCheckBox(tr("Replace a library of the same name (REPLACE)"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("functionLoadDialog"));
    setWindowTitle(tr("Load function library"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_editor->setObjectName(QStringLiteral("functionCodeEditor"));
    m_editor->setFont(mono);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTabStopDistance(QFontMetricsF(mono).horizontalAdvance(QLatin1Char(' ')) * 2);
    new LuaHighlighter(m_editor->document());
    m_editor->setPlainText(QString::fromLatin1(kTemplate));
    m_replace->setObjectName(QStringLiteral("functionReplace"));
    m_error->setObjectName(QStringLiteral("functionLoadError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    auto *hint = new QLabel(tr("The first line names the library: <code>#!lua name=&lt;library&gt;"
                               "</code>. Each <code>redis.register_function</code> adds a "
                               "function; flags such as <code>no-writes</code> let FCALL_RO and "
                               "replicas run it."),
                            this);
    hint->setWordWrap(true);
    auto *openButton = new QPushButton(tr("Open file…"), this);
    openButton->setObjectName(QStringLiteral("functionOpenFile"));
    connect(openButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Lua library"), QString(),
                                                          tr("Lua files (*.lua);;All files (*)"));
        if (!path.isEmpty()) openFile(path);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_load = buttons->addButton(tr("Load"), QDialogButtonBox::AcceptRole);
    m_load->setObjectName(QStringLiteral("functionLoad"));
    m_load->setDefault(true);
    // AcceptRole would close the dialog at once; the server's answer decides instead.
    disconnect(buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_load, &QPushButton::clicked, this, &FunctionLoadDialog::load);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *options = new QHBoxLayout;
    options->addWidget(m_replace, 1);
    options->addWidget(openButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_error);
    layout->addLayout(options);
    layout->addWidget(buttons);
    resize(640, 460);
}

QString FunctionLoadDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void FunctionLoadDialog::setCode(const QString &code)
{
    m_editor->setPlainText(code);
}

bool FunctionLoadDialog::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    setCode(QString::fromUtf8(file.readAll()));
    m_error->hide();
    return true;
}

void FunctionLoadDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void FunctionLoadDialog::load()
{
    m_load->setEnabled(false);
    showError({});
    m_service.load(m_editor->toPlainText().toUtf8(), m_replace->isChecked(), this,
                   [this](const Result<QString> &loaded) {
                       m_load->setEnabled(true);
                       if (!loaded.ok()) return showError(loaded.error);
                       m_loaded = loaded.value;
                       accept();
                   });
}

} // namespace redscope
