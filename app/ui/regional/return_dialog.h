// "Devolver para correção": the comment the municipality will read (required:
// OK stays disabled while it is empty) and optional notes, each pointing at an
// action or one of its photos ("Ação 3, Foto 5: ilegível").
#pragma once

#include "app/ui/regional/report_text.h"
#include "core/regional/review_outbox.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace mobiliza::ui {

class ReturnDialog : public QDialog
{
    Q_OBJECT

public:
    // Who reads the comment: the municipality; the URS, when the central level returns a
    // forwarded report (§10.7); the apoiador, when its COSEMS returns a quadrimestre.
    enum class Addressee
    {
        Municipality,
        Urs,
        Apoiador
    };
    ReturnDialog(const core::Report &report, const QString &title, QWidget *parent = nullptr,
                 Addressee addressee = Addressee::Municipality);

    QString comment() const;
    QList<core::ReviewNote> notes() const { return m_notes; }

    QPlainTextEdit *commentField() const { return m_comment; }
    QComboBox *anchorBox() const { return m_anchor; }
    QLineEdit *noteField() const { return m_noteText; }
    QPushButton *addNoteButton() const { return m_addNote; }
    QListWidget *noteList() const { return m_list; }
    QPushButton *okButton() const;

    void accept() override; // a note typed but not added is kept

private:
    void addNote();
    void updateState();

    QPlainTextEdit *m_comment = nullptr;
    QComboBox *m_anchor = nullptr;
    QLineEdit *m_noteText = nullptr;
    QPushButton *m_addNote = nullptr;
    QPushButton *m_removeNote = nullptr;
    QListWidget *m_list = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QList<core::ReviewNote> m_notes;
};

} // namespace mobiliza::ui
