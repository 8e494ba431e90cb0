// DecoderPane: one value's bytes through a decoder, reusable wherever a value is shown (the
// string view today; a collection element's detail pane can embed it the same way).
//
// Interface for embedding:
//   DecoderPane pane;
//   pane.setValue(bytes);                  // a whole value: auto-detects (header codecs, and
//                                          // proposes the rest), or keeps the rule set before
//   pane.setRule(rule);                    // decoder + codec (+ .proto / command options),
//                                          // e.g. DecoderSettings::ruleFor(key); confirmed
//   pane.setRangedValue(source);           // a big value read in pages (ByteSource): hex,
//                                          // bits and a text preview; other decoders emit
//                                          // wholeValueRequested() and wait for setValue()
//   connect(&pane, &DecoderPane::modifiedChanged, ...);   // enable a Save button
//   pane.encodeEdited(receiver, [](const Result<QByteArray> &bytes) { ... });
//                                          // the edit, validated, encoded back and
//                                          // re-compressed with the value's codec
//   pane.markSaved(bytes);                 // after the caller wrote them
//   if (pane.savesAsPatches())             // hex/bits edits of an uncompressed value: write
//       pane.bytePatches();                // just those bytes (SETRANGE), then
//   pane.markPatched();                    // the view shows them as saved
//   connect(&pane, &DecoderPane::ruleChanged, ...);       // the user picked a decoder:
//                                          // remember it (DecoderSettings::remember)
// isConfirmed() says whether the decoder was chosen (by the user or a remembered rule) rather
// than detected: callers ask before saving through a detected decoder, never silently.
#pragma once

#include "values/decoders/decoder.h"
#include "values/decoders/decoder_settings.h"
#include "values/value_service.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTreeView;

namespace redscope {

class ByteSource;
class ByteView;
class JsonTreeModel;

class DecoderPane : public QWidget
{
    Q_OBJECT

public:
    static constexpr qint64 kTextPreviewBytes = 256 * 1024; // a big value's text preview

    explicit DecoderPane(QWidget *parent = nullptr);

    void setValue(const QByteArray &raw);
    void setRangedValue(ByteSource *source); // not owned
    bool isRanged() const { return m_ranged; }
    QByteArray rawValue() const { return m_raw; }
    QByteArray plainValue() const { return m_plain; } // after decompression

    void setRule(const DecoderRule &rule);     // confirmed; re-shows the value with it
    void clearRule();                          // the next setValue() detects
    void confirmRule() { m_confirmed = true; } // the user accepted the detected decoder
    DecoderRule rule() const;
    Format format() const { return m_rule.format; }
    Codec codec() const { return m_rule.codec; }
    bool isConfirmed() const { return m_confirmed; }
    QList<Codec> proposedCodecs() const { return m_proposals; }

    bool isModified() const;
    bool isEditable() const; // the shown format can be written back
    bool isDecoded() const { return m_decodedOk; }
    QString errorText() const;
    void encodeEdited(QObject *receiver, std::function<void(const Result<QByteArray> &)> done);
    void markSaved(const QByteArray &raw);
    // Hex and bits edits over uncompressed bytes are saved as patches, which is the only way
    // for a ranged value; over decompressed bytes, encodeEdited() re-compresses the whole.
    bool savesAsPatches() const;
    QList<BytePatch> bytePatches() const;
    void markPatched(); // the patches were written

    // For tests and embedding callers.
    QComboBox *formatBox() const { return m_formatBox; }
    QComboBox *codecBox() const { return m_codecBox; }
    QPlainTextEdit *textEditor() const { return m_text; }
    QPlainTextEdit *jsonEditor() const { return m_pretty; }
    QTreeView *treeView() const { return m_tree; }
    JsonTreeModel *treeModel() const { return m_treeModel; }
    ByteView *byteView() const { return m_bytes; }
    QLabel *imageLabel() const { return m_image; }
    QLineEdit *searchBox() const { return m_search; }
    void findNext(bool backward = false);

signals:
    void modifiedChanged(bool modified);
    void ruleChanged(const DecoderRule &rule); // picked by the user
    void wholeValueRequested();                // ranged value, a decoder needing all of it
    void searchFinished(bool found);

private:
    void pickFormat(int row);
    void pickCodec(int row);
    void refresh();
    void showDecoded(const Decoded &decoded);
    void showMessage(const QString &text, bool offerWholeValue = false);
    void showBytes();
    void showImage();
    void updateOptionRows();
    void setModifiedState();
    void readOptions();

    QByteArray m_raw;
    QByteArray m_plain;
    bool m_ranged = false;
    QPointer<ByteSource> m_rangedSource;
    ByteSource *m_memorySource = nullptr; // owned, over m_plain
    DecoderRule m_rule;
    bool m_ruleSet = false;
    bool m_confirmed = false;
    bool m_decodedOk = false;
    bool m_escaped = false;
    QString m_error;
    QList<Codec> m_proposals;
    quint64 m_generation = 0;
    qint64 m_lastMatch = -1; // the byte search's last match
    bool m_updatingBoxes = false;

    QComboBox *m_formatBox;
    QComboBox *m_codecBox;
    QLabel *m_status;
    QPushButton *m_useProposal;
    QWidget *m_protoRow;
    QLineEdit *m_protoFiles;
    QComboBox *m_messageType;
    QWidget *m_customRow;
    QLineEdit *m_decodeCommand;
    QLineEdit *m_encodeCommand;
    QSpinBox *m_timeout;
    QWidget *m_searchRow;
    QLineEdit *m_search;
    QLabel *m_searchStatus;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_text;
    QWidget *m_treePage;
    QTreeView *m_tree;
    JsonTreeModel *m_treeModel;
    QPlainTextEdit *m_pretty;
    ByteView *m_bytes;
    QLabel *m_image;
    QWidget *m_messagePage;
    QLabel *m_message;
    QPushButton *m_loadWhole;
};

} // namespace redscope
