// FunctionLoadDialog: FUNCTION LOAD from the Functions view. A code editor (monospace, starting
// from a template that shows the `#!lua name=` line and register_function with flags), a file
// to open into it, the REPLACE option, and the server's error (a compile error with its line,
// "Library already exists") shown in the dialog, which stays open so the code can be fixed.
// It closes (accepted) only once the server has loaded the library.
#pragma once

#include "server/function_service.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace redscope {

class FunctionLoadDialog : public QDialog
{
    Q_OBJECT

public:
    FunctionLoadDialog(const FunctionService &service, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QCheckBox *replaceBox() const { return m_replace; }
    QPushButton *loadButton() const { return m_load; }
    QString errorText() const;
    QString loadedLibrary() const { return m_loaded; } // after accept()
    void setCode(const QString &code);
    bool openFile(const QString &path); // false (and the error shown) when unreadable
    void load();

private:
    void showError(const QString &text);

    FunctionService m_service;
    QPlainTextEdit *m_editor;
    QCheckBox *m_replace;
    QLabel *m_error;
    QPushButton *m_load;
    QString m_loaded;
};

} // namespace redscope
