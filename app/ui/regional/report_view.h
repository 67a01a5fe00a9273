// One report under review, inside the inbox page: what the municipality sent
// (header, the actions with their fields as the PDF prints them, the photos
// large), what the program's rules say about it (re-run here), and the two
// decisions: "Aceitar" and "Devolver para correção" (a comment is required).
// A decision is stored locally first and sent by the next synchronization.
#pragma once

#include "app/ui/app_context.h"
#include "app/ui/regional/inbox_model.h"
#include "core/domain/types.h"
#include "core/program/finding.h"
#include "core/regional/review_outbox.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QTabWidget;
class QPushButton;
class QTextBrowser;

namespace mobiliza::ui {

class Dialogs;
class PhotoViewer;
class ReturnDialog;

class ReportView : public QWidget
{
    Q_OBJECT

public:
    ReportView(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);

    // Shows the row's revision: its content is read again only when the
    // revision changed; otherwise only its state (and the buttons) are updated.
    void setRow(const InboxRow &row);
    QString reportUuid() const { return m_row.revision.report; }
    int revision() const { return m_row.revision.revision; }
    bool hasContent() const { return m_hasContent; }

    PhotoViewer *photos() const { return m_photos; }
    QTextBrowser *text() const { return m_text; }
    QTextBrowser *historyText() const { return m_history; }
    QTabWidget *tabs() const { return m_tabs; }
    QListWidget *findingsList() const { return m_findings; }
    QLabel *findingsSummary() const { return m_findingsSummary; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *returnButton() const { return m_return; }
    QPushButton *backButton() const { return m_back; }
    ReturnDialog *returnDialog() const; // while open

    void accept();
    void openReturnDialog();

Q_SIGNALS:
    void backRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void loadContent();
    void loadHistory(); // the "History" tab, from the profile (the pass brings it)
    void updateState();
    void showFindings(const core::Findings &findings);
    void goToPath(const QString &path);
    void decide(bool accept, const QString &comment, const QList<core::ReviewNote> &notes);
    void setMessage(const QString &text, bool error);
    QString reportTitle() const;

    AppContext m_context;
    Dialogs &m_dialogs;
    InboxRow m_row;
    core::Report m_report;
    bool m_hasContent = false;
    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_return = nullptr;
    QTextBrowser *m_text = nullptr;
    QTextBrowser *m_history = nullptr;
    QTabWidget *m_tabs = nullptr;
    QString m_historyWanted; // the report whose history was last asked for
    QLabel *m_findingsSummary = nullptr;
    QListWidget *m_findings = nullptr;
    PhotoViewer *m_photos = nullptr;
    QPointer<ReturnDialog> m_returnDialog;
};

} // namespace mobiliza::ui
